package dev.llmux.spring.boot;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmux.Llmux;
import dev.llmux.langchain4j.LlmuxChatModel;
import dev.llmux.langchain4j.LlmuxEmbeddingModel;
import dev.llmux.langchain4j.LlmuxStreamingChatModel;

/**
 * LangChain4j models for any alias (or {@code provider/model} string) of the application's {@link Llmux}, for
 * agents that use more than the default model:
 *
 * <pre>{@code
 * Assistant cheap = AiServices.builder(Assistant.class).chatModel(models.chatModel("fast")).build();
 * }</pre>
 *
 * Models are created once per name and shared; they are thread-safe.
 */
public final class LlmuxLangChain4jModels {

    private final Llmux llmux;
    private final Map<String, ChatModel> chat = new ConcurrentHashMap<>();
    private final Map<String, StreamingChatModel> streaming = new ConcurrentHashMap<>();
    private final Map<String, EmbeddingModel> embedding = new ConcurrentHashMap<>();

    public LlmuxLangChain4jModels(Llmux llmux) {
        this.llmux = Objects.requireNonNull(llmux, "llmux");
    }

    public ChatModel chatModel(String alias) {
        return chat.computeIfAbsent(requireName(alias), a -> LlmuxChatModel.builder().llmux(llmux).modelName(a).build());
    }

    public StreamingChatModel streamingChatModel(String alias) {
        return streaming.computeIfAbsent(requireName(alias), a -> LlmuxStreamingChatModel.builder().llmux(llmux).modelName(a).build());
    }

    public EmbeddingModel embeddingModel(String alias) {
        return embedding.computeIfAbsent(requireName(alias), a -> LlmuxEmbeddingModel.builder().llmux(llmux).modelName(a).build());
    }

    private static String requireName(String alias) {
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank()) {
            throw new IllegalArgumentException("alias must not be blank");
        }
        return alias;
    }
}
