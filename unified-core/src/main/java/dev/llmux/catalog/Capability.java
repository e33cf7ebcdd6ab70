package dev.llmux.catalog;

/** What a model can do, for routing pre-checks and for bridges that advertise capabilities. */
public enum Capability {
    TOOLS,
    PARALLEL_TOOLS,
    VISION,
    AUDIO_INPUT,
    PDF_INPUT,
    JSON_MODE,
    JSON_SCHEMA,
    REASONING,
    PROMPT_CACHING,
    STREAMING,
    SYSTEM_MESSAGES
}
