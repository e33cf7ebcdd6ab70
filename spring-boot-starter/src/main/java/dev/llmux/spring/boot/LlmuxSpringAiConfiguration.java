package dev.llmux.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.llmux.Llmux;
import dev.llmux.spring.boot.internal.LlmuxConditions;
import dev.llmux.spring.boot.internal.ResolvedConfig;
import dev.llmux.springai.LlmuxChatModel;
import dev.llmux.springai.LlmuxChatOptions;
import dev.llmux.springai.LlmuxEmbeddingModel;

/**
 * Spring AI beans, when {@code spring-ai-model} and {@code llmux-spring-ai} are on the classpath: a {@code ChatModel}
 * and an {@code EmbeddingModel} for the default aliases. They live beside Spring AI's own starters:
 * <ul>
 *   <li>{@code llmux.spring-ai.primary=true} (default): ours are {@code @Primary}, so {@code ChatClient.Builder} and
 *       any {@code ChatModel} injection point get llmux while e.g. {@code OpenAiChatModel} stays injectable by type;
 *   <li>{@code spring.ai.model.chat=llmux} (and {@code spring.ai.model.embedding=llmux}): Spring AI's model starters
 *       step aside and ours is the only one; any other value there (say {@code openai}) makes ours step aside.
 * </ul>
 * Observations of these models come from the client (see {@code LlmuxObservations}), so the bridge gets no registry
 * and a call is observed once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.ai.chat.model.ChatModel", "dev.llmux.springai.LlmuxChatModel"})
@Conditional(LlmuxConditions.OnDefaultModel.class)
final class LlmuxSpringAiConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "llmux", matchIfMissing = true)
    static final class Chat {

        @Bean
        @Primary
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "llmux.spring-ai.primary", matchIfMissing = true)
        LlmuxChatModel llmuxSpringAiChatModel(Llmux llmux, ResolvedConfig config) {
            return chatModel(llmux, config);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "llmux.spring-ai.primary", havingValue = false)
        LlmuxChatModel llmuxSpringAiSecondaryChatModel(Llmux llmux, ResolvedConfig config) {
            return chatModel(llmux, config);
        }

        private static LlmuxChatModel chatModel(Llmux llmux, ResolvedConfig config) {
            return LlmuxChatModel.builder().llmux(llmux)
                    .defaultOptions(LlmuxChatOptions.builder().model(LlmuxLangChain4jConfiguration.defaultModel(config)).build())
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spring.ai.model.embedding", havingValue = "llmux", matchIfMissing = true)
    static final class Embedding {

        @Bean
        @Primary
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "llmux.spring-ai.primary", matchIfMissing = true)
        LlmuxEmbeddingModel llmuxSpringAiEmbeddingModel(Llmux llmux, ResolvedConfig config) {
            return embeddingModel(llmux, config);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "llmux.spring-ai.primary", havingValue = false)
        LlmuxEmbeddingModel llmuxSpringAiSecondaryEmbeddingModel(Llmux llmux, ResolvedConfig config) {
            return embeddingModel(llmux, config);
        }

        private static LlmuxEmbeddingModel embeddingModel(Llmux llmux, ResolvedConfig config) {
            String name = config.defaultEmbeddingModel() != null ? config.defaultEmbeddingModel()
                    : LlmuxLangChain4jConfiguration.defaultModel(config);
            return LlmuxEmbeddingModel.of(llmux, name, null);
        }
    }
}
