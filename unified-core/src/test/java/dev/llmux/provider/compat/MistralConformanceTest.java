package dev.llmux.provider.compat;

import dev.llmux.provider.openai.OpenAiFormatConformance;
import dev.llmux.spi.ProviderSettings;

/** The conformance suite against Mistral, which reports stream usage on the finishing chunk. */
class MistralConformanceTest extends OpenAiFormatConformance {

    @Override
    protected String model() {
        return "mistral/mistral-large-latest";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiBase(baseUrl + "/v1").apiKey("test-key").build();
    }

    @Override
    protected String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    protected boolean usageOnLastChunk() {
        return true;
    }
}
