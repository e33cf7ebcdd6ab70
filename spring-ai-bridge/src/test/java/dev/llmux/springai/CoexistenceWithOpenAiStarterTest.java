package dev.llmux.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.testing.ScriptedProvider;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The bridge next to spring-ai-starter-model-openai on one classpath, without "found 2 ChatModel beans". */
class CoexistenceWithOpenAiStarterTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class,
                    ChatClientAutoConfiguration.class))
            .withPropertyValues("spring.ai.openai.api-key=test-key");

    @Configuration(proxyBeanMethods = false)
    static class PrimaryLlmux {
        @Bean(destroyMethod = "close")
        Llmux llmux() {
            return Llmux.builder().provider(new ScriptedProvider().answer("from llmux")).env(k -> null).build();
        }

        @Bean
        @Primary
        LlmuxChatModel llmuxChatModel(Llmux llmux) {
            return LlmuxChatModel.builder().llmux(llmux).defaultOptions(LlmuxChatOptions.builder().model("scripted/m").build()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PlainLlmux {
        @Bean(destroyMethod = "close")
        Llmux llmux() {
            return Llmux.builder().provider(new ScriptedProvider().answer("from llmux")).env(k -> null).build();
        }

        @Bean
        LlmuxChatModel llmuxChatModel(Llmux llmux) {
            return LlmuxChatModel.builder().llmux(llmux).defaultOptions(LlmuxChatOptions.builder().model("scripted/m").build()).build();
        }
    }

    @Test
    void should_serve_chat_client_from_the_primary_llmux_model_next_to_openai() {
        runner.withUserConfiguration(PrimaryLlmux.class).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBeansOfType(ChatModel.class)).hasSize(2);
            String answer = ctx.getBean(ChatClient.Builder.class).build().prompt().user("hi").call().content();
            assertThat(answer).isEqualTo("from llmux");
        });
    }

    @Test
    void should_leave_llmux_alone_when_the_openai_chat_model_is_switched_off() {
        runner.withUserConfiguration(PlainLlmux.class).withPropertyValues("spring.ai.model.chat=llmux").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).hasSingleBean(ChatModel.class);
            assertThat(ctx.getBean(ChatClient.Builder.class).build().prompt().user("hi").call().content()).isEqualTo("from llmux");
        });
    }
}
