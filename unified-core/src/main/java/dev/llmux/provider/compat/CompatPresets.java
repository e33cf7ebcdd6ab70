package dev.llmux.provider.compat;

import static dev.llmux.provider.compat.Quirk.ERROR_FINISH;
import static dev.llmux.provider.compat.Quirk.INSUFFICIENT_SYSTEM_RESOURCE_FINISH;
import static dev.llmux.provider.compat.Quirk.MAX_COMPLETION_TOKENS_AS_MAX_TOKENS;
import static dev.llmux.provider.compat.Quirk.MODEL_LENGTH_FINISH;
import static dev.llmux.provider.compat.Quirk.NO_MESSAGE_NAME;
import static dev.llmux.provider.compat.Quirk.NO_STREAM_OPTIONS;
import static dev.llmux.provider.compat.Quirk.REASONING_CONTENT_ROUND_TRIP;
import static dev.llmux.provider.compat.Quirk.SEED_AS_RANDOM_SEED;
import static dev.llmux.provider.compat.Quirk.SINGLE_CHOICE;
import static dev.llmux.provider.compat.Quirk.TOOL_CHOICE_REQUIRED_AS_ANY;
import static dev.llmux.provider.compat.Quirk.X_GROQ_USAGE;

import java.util.List;
import java.util.Optional;

/**
 * The built-in OpenAI-compatible presets. Base URLs, key variables and deviations follow each provider's
 * documentation (see {@code reference/wire-formats.md} §8) and LiteLLM's names for the same providers, so LiteLLM
 * configs and environments carry over.
 */
public final class CompatPresets {

    /** {@code metadata} belongs to OpenAI's stored completions; the compatible APIs do not take it. */
    private static final String METADATA = "metadata";

    public static final List<CompatPreset> ALL = List.of(
            CompatPreset.builder("groq")
                    .baseUrl("https://api.groq.com/openai/v1").apiBaseEnv("GROQ_API_BASE").apiKeyEnv("GROQ_API_KEY")
                    .unsupported("logprobs", "top_logprobs", "logit_bias", METADATA)
                    .quirks(SINGLE_CHOICE, NO_MESSAGE_NAME, X_GROQ_USAGE)
                    .build(),
            CompatPreset.builder("together_ai")
                    .baseUrl("https://api.together.xyz/v1").apiBaseEnv("TOGETHERAI_API_BASE")
                    .apiKeyEnv("TOGETHERAI_API_KEY", "TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "TOGETHER_AI_TOKEN")
                    .unsupported(METADATA)
                    .embeddings()
                    .build(),
            CompatPreset.builder("mistral")
                    .baseUrl("https://api.mistral.ai/v1").apiBaseEnv("MISTRAL_API_BASE").apiKeyEnv("MISTRAL_API_KEY")
                    .unsupported("logit_bias", "logprobs", "top_logprobs", "user", METADATA)
                    .quirks(TOOL_CHOICE_REQUIRED_AS_ANY, SEED_AS_RANDOM_SEED, MAX_COMPLETION_TOKENS_AS_MAX_TOKENS, NO_STREAM_OPTIONS,
                            MODEL_LENGTH_FINISH, ERROR_FINISH)
                    .embeddings()
                    .build(),
            CompatPreset.builder("deepseek")
                    .baseUrl("https://api.deepseek.com").apiBaseEnv("DEEPSEEK_API_BASE").apiKeyEnv("DEEPSEEK_API_KEY")
                    .unsupported("logit_bias", "n", "seed", "user", "parallel_tool_calls", METADATA)
                    .quirks(MAX_COMPLETION_TOKENS_AS_MAX_TOKENS, REASONING_CONTENT_ROUND_TRIP, INSUFFICIENT_SYSTEM_RESOURCE_FINISH)
                    .build(),
            CompatPreset.builder("openrouter")
                    .baseUrl("https://openrouter.ai/api/v1").apiBaseEnv("OPENROUTER_API_BASE").apiKeyEnv("OPENROUTER_API_KEY", "OR_API_KEY")
                    .header("http_referer", "HTTP-Referer", "OR_SITE_URL")
                    .header("x_title", "X-Title", "OR_APP_NAME")
                    .quirks(ERROR_FINISH)
                    .build(),
            CompatPreset.builder("xai")
                    .baseUrl("https://api.x.ai/v1").apiBaseEnv("XAI_API_BASE").apiKeyEnv("XAI_API_KEY")
                    .unsupported(METADATA)
                    // the reasoning models refuse the sampling penalties and stop sequences
                    .unsupportedFor("grok-(3-mini|4|code).*", "presence_penalty", "frequency_penalty", "stop")
                    .build(),
            CompatPreset.builder("fireworks_ai")
                    .baseUrl("https://api.fireworks.ai/inference/v1").apiBaseEnv("FIREWORKS_API_BASE", "FIREWORKS_AI_API_BASE")
                    .apiKeyEnv("FIREWORKS_AI_API_KEY", "FIREWORKS_API_KEY", "FIREWORKSAI_API_KEY", "FIREWORKS_AI_TOKEN")
                    .unsupported(METADATA)
                    .quirks(MAX_COMPLETION_TOKENS_AS_MAX_TOKENS)
                    .embeddings()
                    .build(),
            CompatPreset.builder("perplexity")
                    .baseUrl("https://api.perplexity.ai").apiBaseEnv("PERPLEXITY_API_BASE").apiKeyEnv("PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY")
                    .unsupported("tools", "tool_choice", "parallel_tool_calls", "stop", "n", "seed", "logit_bias", "logprobs",
                            "top_logprobs", "user", METADATA)
                    .quirks(MAX_COMPLETION_TOKENS_AS_MAX_TOKENS)
                    .build(),
            CompatPreset.builder("cerebras")
                    .baseUrl("https://api.cerebras.ai/v1").apiBaseEnv("CEREBRAS_API_BASE").apiKeyEnv("CEREBRAS_API_KEY")
                    .unsupported("logit_bias", "presence_penalty", "frequency_penalty", "n", METADATA)
                    .build(),
            CompatPreset.builder("hosted_vllm")
                    .apiBaseEnv("HOSTED_VLLM_API_BASE").apiKeyEnv("HOSTED_VLLM_API_KEY").keyOptional()
                    .embeddings()
                    .build(),
            CompatPreset.builder("lm_studio")
                    .baseUrl("http://localhost:1234/v1").apiBaseEnv("LM_STUDIO_API_BASE").apiKeyEnv("LM_STUDIO_API_KEY").keyOptional()
                    .unsupported(METADATA)
                    .quirks(MAX_COMPLETION_TOKENS_AS_MAX_TOKENS)
                    .embeddings()
                    .build(),
            CompatPreset.builder("llamafile")
                    .baseUrl("http://127.0.0.1:8080/v1").apiBaseEnv("LLAMAFILE_API_BASE").apiKeyEnv("LLAMAFILE_API_KEY").keyOptional()
                    .unsupported(METADATA)
                    .quirks(MAX_COMPLETION_TOKENS_AS_MAX_TOKENS)
                    .build(),
            CompatPreset.builder("nvidia_nim")
                    .baseUrl("https://integrate.api.nvidia.com/v1").apiBaseEnv("NVIDIA_NIM_API_BASE").apiKeyEnv("NVIDIA_NIM_API_KEY")
                    .unsupported("logit_bias", METADATA)
                    .quirks(MAX_COMPLETION_TOKENS_AS_MAX_TOKENS)
                    .embeddings()
                    .build(),
            CompatPreset.builder("huggingface")
                    .baseUrl("https://router.huggingface.co/v1").apiBaseEnv("HUGGINGFACE_API_BASE", "HF_API_BASE")
                    .apiKeyEnv("HF_TOKEN", "HUGGINGFACE_API_KEY")
                    .unsupported("logit_bias", METADATA)
                    .build(),
            CompatPreset.builder("deepinfra")
                    .baseUrl("https://api.deepinfra.com/v1/openai").apiBaseEnv("DEEPINFRA_API_BASE").apiKeyEnv("DEEPINFRA_API_KEY")
                    .unsupported(METADATA)
                    .embeddings()
                    .build(),
            CompatPreset.builder("sambanova")
                    .baseUrl("https://api.sambanova.ai/v1").apiBaseEnv("SAMBANOVA_API_BASE").apiKeyEnv("SAMBANOVA_API_KEY")
                    .unsupported("logit_bias", "n", METADATA)
                    .build(),
            CompatPreset.builder("nebius")
                    .baseUrl("https://api.studio.nebius.ai/v1").apiBaseEnv("NEBIUS_API_BASE").apiKeyEnv("NEBIUS_API_KEY")
                    .unsupported(METADATA)
                    .embeddings()
                    .build(),
            CompatPreset.builder("moonshot")
                    .baseUrl("https://api.moonshot.ai/v1").apiBaseEnv("MOONSHOT_API_BASE").apiKeyEnv("MOONSHOT_API_KEY")
                    .unsupported("logit_bias", METADATA)
                    .build());

    private CompatPresets() {}

    /** The preset answering to {@code id}. */
    public static Optional<CompatPreset> find(String id) {
        return ALL.stream().filter(p -> p.ids().contains(id)).findFirst();
    }
}
