package dev.llmux.langchain4j.internal;

import dev.langchain4j.model.ModelProvider;

/** LangChain4j's provider enum for an llmux provider id. */
public final class ModelProviders {

    private ModelProviders() {}

    public static ModelProvider of(String providerId) {
        return switch (providerId) {
            case "openai" -> ModelProvider.OPEN_AI;
            case "azure" -> ModelProvider.AZURE_OPEN_AI;
            case "anthropic" -> ModelProvider.ANTHROPIC;
            case "gemini" -> ModelProvider.GOOGLE_AI_GEMINI;
            case "vertex_ai" -> ModelProvider.GOOGLE_VERTEX_AI_GEMINI;
            case "bedrock" -> ModelProvider.AMAZON_BEDROCK;
            case "ollama", "ollama_chat" -> ModelProvider.OLLAMA;
            case "mistral" -> ModelProvider.MISTRAL_AI;
            case "cohere" -> ModelProvider.COHERE;
            default -> ModelProvider.OTHER;
        };
    }
}
