package dev.llmux.provider.openai.internal;

import java.util.LinkedHashSet;
import java.util.Set;

/** The optional OpenAI Chat Completions parameters, by wire name, as {@code ChatRequest.setParams()} reports them. */
public final class OpenAiParams {

    /** Every optional parameter llmux models; OpenAI itself honours all of them. */
    public static final Set<String> ALL = Set.of(
            "tools", "tool_choice", "parallel_tool_calls", "response_format", "temperature", "top_p", "max_tokens",
            "max_completion_tokens", "stop", "n", "seed", "presence_penalty", "frequency_penalty", "logit_bias", "logprobs",
            "top_logprobs", "user", "metadata", "reasoning_effort", "stream_options");

    /**
     * Request fields that steer llmux itself and must never reach a provider, should a caller (or the gateway)
     * leave them in {@code extra}.
     */
    public static final Set<String> LLMUX_ONLY = Set.of(
            "mock_response", "mock_latency_ms", "drop_params", "additional_drop_params", "allowed_openai_params",
            "num_retries", "fallbacks", "context_window_fallback_dict", "api_key", "api_base", "api_version",
            "custom_llm_provider", "caching", "cache");

    private OpenAiParams() {}

    /** {@link #ALL} without {@code unsupported}. */
    public static Set<String> allBut(Set<String> unsupported) {
        Set<String> s = new LinkedHashSet<>(ALL);
        s.removeAll(unsupported);
        return Set.copyOf(s);
    }
}
