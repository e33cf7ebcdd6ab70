package dev.llmux.provider.openai;

import dev.llmux.spi.ProviderSettings;

/** The conformance suite against OpenAI's Chat Completions API. */
class OpenAiConformanceTest extends OpenAiFormatConformance {

    @Override
    protected String model() {
        return "openai/gpt-4o-mini";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiBase(baseUrl + "/v1").apiKey("test-key").build();
    }

    @Override
    protected String chatPath() {
        return "/v1/chat/completions";
    }
}
