package dev.llmux.provider.compat;

import dev.llmux.provider.openai.OpenAiFormatConformance;
import dev.llmux.spi.ProviderSettings;

/** The conformance suite against Groq's OpenAI-compatible API. */
class GroqConformanceTest extends OpenAiFormatConformance {

    @Override
    protected String model() {
        return "groq/llama-3.3-70b-versatile";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiBase(baseUrl + "/openai/v1").apiKey("test-key").build();
    }

    @Override
    protected String chatPath() {
        return "/openai/v1/chat/completions";
    }
}
