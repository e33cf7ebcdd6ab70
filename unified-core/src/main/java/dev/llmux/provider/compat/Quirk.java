package dev.llmux.provider.compat;

/**
 * A documented way an OpenAI-compatible API departs from OpenAI's wire format, which llmux smooths over.
 * Presets list theirs as data; the behaviour of each lives in one place.
 */
public enum Quirk {
    /** {@code tool_choice: "required"} is spelled {@code "any"} (Mistral). */
    TOOL_CHOICE_REQUIRED_AS_ANY,
    /** {@code seed} is spelled {@code random_seed} (Mistral). */
    SEED_AS_RANDOM_SEED,
    /** Only {@code max_tokens} is understood; {@code max_completion_tokens} is sent under that name. */
    MAX_COMPLETION_TOKENS_AS_MAX_TOKENS,
    /** {@code stream_options} is rejected; the API reports stream usage on its own. */
    NO_STREAM_OPTIONS,
    /** {@code finish_reason: "model_length"} (the context filled up) means {@code length} (Mistral). */
    MODEL_LENGTH_FINISH,
    /** {@code finish_reason: "error"} is a failure, not an answer (Mistral, OpenRouter mid-stream). */
    ERROR_FINISH,
    /** Only one choice: {@code n} greater than 1 is rejected before calling (Groq). */
    SINGLE_CHOICE,
    /** {@code messages[].name} is rejected, so it is left out (Groq). */
    NO_MESSAGE_NAME,
    /** Stream usage may arrive as {@code x_groq.usage} on the last chunk (Groq). */
    X_GROQ_USAGE,
    /** Assistant history must carry its {@code reasoning_content} back (DeepSeek thinking mode with tools). */
    REASONING_CONTENT_ROUND_TRIP,
    /**
     * {@code finish_reason: "insufficient_system_resource"} means the provider ran out of capacity mid-answer: a
     * retryable 503, since the partial output is not a success (DeepSeek).
     */
    INSUFFICIENT_SYSTEM_RESOURCE_FINISH
}
