package dev.llmux.provider.azure;

import dev.llmux.provider.openai.OpenAiFormatConformance;
import dev.llmux.spi.ProviderSettings;

/** The conformance suite against an Azure OpenAI deployment. */
class AzureConformanceTest extends OpenAiFormatConformance {

    @Override
    protected String model() {
        return "azure/my-gpt4o";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiBase(baseUrl).apiKey("test-key").apiVersion("2024-10-21").build();
    }

    @Override
    protected String chatPath() {
        return "/openai/deployments/my-gpt4o/chat/completions";
    }
}
