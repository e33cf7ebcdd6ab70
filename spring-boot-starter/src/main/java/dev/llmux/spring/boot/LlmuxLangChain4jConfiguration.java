package dev.llmux.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.llmux.Llmux;
import dev.llmux.spring.boot.internal.LlmuxConditions;
import dev.llmux.spring.boot.internal.ResolvedConfig;

/**
 * LangChain4j beans, when {@code langchain4j-core} and {@code llmux-langchain4j} are on the classpath: a
 * {@code ChatModel}, {@code StreamingChatModel} and {@code EmbeddingModel} for {@code llmux.default-model} (the
 * embedding one for {@code llmux.default-embedding-model} when set), and {@link LlmuxLangChain4jModels} for the others.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"dev.langchain4j.model.chat.ChatModel", "dev.llmux.langchain4j.LlmuxChatModel"})
final class LlmuxLangChain4jConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LlmuxLangChain4jModels llmuxLangChain4jModels(Llmux llmux) {
        return new LlmuxLangChain4jModels(llmux);
    }

    @Bean
    @ConditionalOnMissingBean(dev.langchain4j.model.chat.ChatModel.class)
    @Conditional(LlmuxConditions.OnDefaultModel.class)
    dev.langchain4j.model.chat.ChatModel llmuxLangChain4jChatModel(LlmuxLangChain4jModels models, ResolvedConfig config) {
        return models.chatModel(defaultModel(config));
    }

    @Bean
    @ConditionalOnMissingBean(dev.langchain4j.model.chat.StreamingChatModel.class)
    @Conditional(LlmuxConditions.OnDefaultModel.class)
    dev.langchain4j.model.chat.StreamingChatModel llmuxLangChain4jStreamingChatModel(LlmuxLangChain4jModels models, ResolvedConfig config) {
        return models.streamingChatModel(defaultModel(config));
    }

    @Bean
    @ConditionalOnMissingBean(dev.langchain4j.model.embedding.EmbeddingModel.class)
    @Conditional(LlmuxConditions.OnDefaultModel.class)
    dev.langchain4j.model.embedding.EmbeddingModel llmuxLangChain4jEmbeddingModel(LlmuxLangChain4jModels models, ResolvedConfig config) {
        String name = config.defaultEmbeddingModel();
        return models.embeddingModel(name != null ? name : defaultModel(config));
    }

    static String defaultModel(ResolvedConfig config) {
        if (config.defaultModel() == null) {
            throw new InvalidLlmuxPropertyException("llmux.default-model", "is required when no model group is configured");
        }
        return config.defaultModel();
    }
}
