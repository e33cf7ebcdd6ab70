package dev.llmux.provider.gemini.internal;

import java.util.Locale;

/** What llmux needs to know about a Gemini model name's family. */
public final class GeminiModels {

    private GeminiModels() {}

    /** Gemini 3 and later: {@code thinkingLevel} instead of a token budget, signatures required on calls. */
    public static boolean usesThinkingLevel(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.contains("gemini-3") || m.contains("gemini-4");
    }

    /** Models that think: Gemini 2.5 and later (1.x and 2.0 do not). */
    public static boolean thinks(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return !(m.contains("gemini-1") || m.contains("gemini-2.0") || m.contains("embedding") || m.contains("gemma"));
    }

    /** Pro models cannot switch thinking off and know fewer levels. */
    public static boolean isPro(String model) {
        return model.toLowerCase(Locale.ROOT).contains("pro");
    }

    /** Gemini 1.x only knows the OpenAPI-subset {@code responseSchema}; later models take plain JSON Schema. */
    public static boolean needsOpenApiResponseSchema(String model) {
        return model.toLowerCase(Locale.ROOT).contains("gemini-1");
    }

    /** Embedding models answered by Vertex's {@code :predict}. */
    public static boolean isEmbedding(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.contains("embedding") || m.contains("gecko");
    }
}
