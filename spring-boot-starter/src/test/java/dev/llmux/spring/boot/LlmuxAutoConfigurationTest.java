package dev.llmux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiEmbeddingAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;

import dev.llmux.LlmInterceptor;
import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.router.Router;
import dev.llmux.router.RouterListener;
import dev.llmux.spring.boot.internal.LlmuxHealthIndicator;
import dev.llmux.spring.boot.internal.LlmuxMetrics;
import dev.llmux.spring.boot.internal.LlmuxObservations;

class LlmuxAutoConfigurationTest {

    private static final String[] TWO_GROUPS = {
            "llmux.models.smart.deployments[0].model=mock/broken",
            "llmux.models.smart.deployments[0].id=broken",
            "llmux.models.smart.deployments[0].settings[mock_response]=service_unavailable",
            "llmux.models.local.deployments[0].model=mock/local",
            "llmux.models.local.deployments[0].id=local-1",
            "llmux.models.local.deployments[0].settings[mock_response]=from local",
            "llmux.router.num-retries=0",
            "llmux.router.fallbacks.smart=local",
            "llmux.router.cooldown.allowed-fails=0",
            "llmux.router.cooldown.cooldown-time=1h"};

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LlmuxAutoConfiguration.class));

    /** Delivers router events on the calling thread, so a test sees them as soon as the call returns. */
    @Configuration(proxyBeanMethods = false)
    static class SyncEvents {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Bean
        LlmuxRouterCustomizer syncListener() {
            return b -> b.listenerExecutor(Runnable::run).listener(new RouterListener() {
                @Override
                public void fallback(String from, String to, dev.llmux.router.Fallbacks.Kind kind, dev.llmux.error.LlmuxException e) {
                    events.add(from + "->" + to);
                }
            });
        }
    }

    @Test
    void should_create_langchain4j_and_spring_ai_models_for_the_default_alias() {
        runner.withPropertyValues("llmux.models.fast.deployments[0].model=mock/fast",
                        "llmux.models.fast.deployments[0].settings[mock_response]=hello from fast")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(dev.langchain4j.model.chat.ChatModel.class)
                            .hasSingleBean(dev.langchain4j.model.chat.StreamingChatModel.class)
                            .hasSingleBean(dev.langchain4j.model.embedding.EmbeddingModel.class)
                            .hasSingleBean(LlmuxLangChain4jModels.class)
                            .hasSingleBean(org.springframework.ai.chat.model.ChatModel.class)
                            .hasSingleBean(org.springframework.ai.embedding.EmbeddingModel.class);
                    assertThat(ctx.getBean(dev.langchain4j.model.chat.ChatModel.class).chat("hi")).isEqualTo("hello from fast");
                    assertThat(ctx.getBean(org.springframework.ai.chat.model.ChatModel.class).call("hi")).isEqualTo("hello from fast");
                    assertThat(ctx.getBean(org.springframework.ai.embedding.EmbeddingModel.class).embed("hi")).hasSize(8);
                });
    }

    @Test
    void should_leave_out_langchain4j_beans_when_langchain4j_is_absent() {
        runner.withClassLoader(new FilteredClassLoader("dev.langchain4j"))
                .withPropertyValues("llmux.models.fast.deployments[0].model=mock/fast")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(Llmux.class).doesNotHaveBean(LlmuxLangChain4jModels.class)
                        .hasSingleBean(org.springframework.ai.chat.model.ChatModel.class));
    }

    @Test
    void should_leave_out_spring_ai_beans_when_spring_ai_is_absent() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.ai"))
                .withPropertyValues("llmux.models.fast.deployments[0].model=mock/fast")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(Router.class)
                        .hasSingleBean(dev.langchain4j.model.chat.ChatModel.class)
                        .doesNotHaveBean("llmuxSpringAiChatModel"));
    }

    @Test
    void should_leave_out_metrics_observations_and_health_when_their_libraries_are_absent() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core", "org.springframework.boot.health"))
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withPropertyValues(TWO_GROUPS)
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LlmuxMetrics.class)
                        .doesNotHaveBean(LlmuxHealthIndicator.class).hasSingleBean(LlmuxObservations.class));
        runner.withPropertyValues(TWO_GROUPS)
                .run(ctx -> assertThat(ctx).doesNotHaveBean(LlmuxMetrics.class).doesNotHaveBean(LlmuxObservations.class)
                        .hasSingleBean(LlmuxHealthIndicator.class));
    }

    @Test
    void should_back_off_when_the_application_defines_its_own_client() {
        Llmux own = Llmux.builder().build();
        runner.withBean(Llmux.class, () -> own).withPropertyValues("llmux.models.fast.deployments[0].model=mock/fast")
                .run(ctx -> assertThat(ctx.getBean(Llmux.class)).isSameAs(own));
    }

    @Test
    void should_apply_client_and_router_customizers_in_order() {
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withUserConfiguration(SyncEvents.class)
                .withBean("second", LlmuxClientCustomizer.class, () -> b -> seen.add("second"))
                .withBean("tagger", LlmuxClientCustomizer.class, () -> b -> b.interceptor(new LlmInterceptor() {
                    @Override
                    public reactor.core.publisher.Mono<ChatResponse> chat(dev.llmux.api.ChatRequest request, dev.llmux.CallOptions options,
                            Chain next) {
                        seen.add("intercepted " + request.model());
                        return next.chat(request, options);
                    }
                }))
                .withPropertyValues(TWO_GROUPS)
                .run(ctx -> {
                    ChatResponse answer = ctx.getBean(Llmux.class).chat("smart", ChatMessage.user("hi"));
                    assertThat(answer.text()).isEqualTo("from local");
                    assertThat(answer.callInfo().deployment()).isEqualTo("local-1");
                    assertThat(ctx.getBean(SyncEvents.class).events).containsExactly("smart->local");
                    // customizers run after the interceptor beans, so this one sits inside the router and sees each attempt
                    assertThat(seen).containsExactly("second", "intercepted mock/broken", "intercepted mock/local");
                });
    }

    @Test
    void should_record_metrics_and_observations_when_a_call_goes_through_a_fallback() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        runner.withUserConfiguration(SyncEvents.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, () -> observations)
                .withPropertyValues(TWO_GROUPS)
                .run(ctx -> {
                    Llmux llmux = ctx.getBean(Llmux.class);
                    llmux.chat("smart", ChatMessage.user("hi"));
                    List<dev.llmux.api.ChatChunk> chunks = llmux.stream(dev.llmux.api.ChatRequest.builder().model("local")
                            .messages(List.of(ChatMessage.user("hi"))).build()).collectList().block(java.time.Duration.ofSeconds(5));
                    assertThat(chunks).isNotEmpty();
                    llmux.chatAsync(dev.llmux.api.ChatRequest.builder().model("made-up-" + System.nanoTime())
                            .messages(List.of(ChatMessage.user("hi"))).build()).onErrorResume(e -> reactor.core.publisher.Mono.empty())
                            .block(java.time.Duration.ofSeconds(5));

                    MeterRegistry meters = ctx.getBean(MeterRegistry.class);
                    assertThat(meters.get("llmux.requests").tags("alias", "smart", "deployment", "local-1", "provider", "mock",
                            "outcome", "success", "stream", "false").counter().count()).isEqualTo(1);
                    assertThat(meters.get("llmux.requests").tags("alias", "local", "stream", "true").counter().count()).isEqualTo(1);
                    assertThat(meters.get("llmux.errors").tags("alias", "other").counter().count()).isEqualTo(1);
                    assertThat(meters.get("llmux.latency").tags("alias", "smart").timer().count()).isEqualTo(1);
                    assertThat(meters.get("llmux.ttft").tags("alias", "local").timer().count()).isEqualTo(1);
                    assertThat(meters.get("llmux.tokens").tags("alias", "smart", "kind", "input").counter().count()).isPositive();
                    assertThat(meters.get("llmux.tokens").tags("alias", "smart", "kind", "output").counter().count()).isPositive();
                    assertThat(meters.get("llmux.fallbacks").tags("from", "smart", "to", "local", "kind", "generic").counter().count())
                            .isEqualTo(1);
                    assertThat(meters.get("llmux.cooldowns").tags("alias", "smart", "deployment", "broken", "type", "service_unavailable")
                            .counter().count()).isEqualTo(1);
                    TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsWithNameEqualTo(LlmuxObservations.NAME, 3)
                            .hasObservationWithNameEqualTo(LlmuxObservations.NAME).that()
                            .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                            .hasLowCardinalityKeyValue("gen_ai.request.model", "smart")
                            .hasLowCardinalityKeyValue("gen_ai.provider.name", "mock");

                    Health health = ctx.getBean(LlmuxHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsKeys("smart", "local");
                    assertThat(health.getDetails().get("smart").toString()).contains("broken").contains("cooling down until ");
                    assertThat(health.getDetails().get("local").toString()).contains("state=healthy");
                });
    }

    @Test
    void should_report_up_when_every_alias_has_a_deployment_in_rotation() {
        runner.withPropertyValues(TWO_GROUPS).run(ctx ->
                assertThat(ctx.getBean(LlmuxHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP));
    }

    private ApplicationContextRunner withOpenAi() {
        return runner.withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class, OpenAiEmbeddingAutoConfiguration.class,
                        ToolCallingAutoConfiguration.class, SpringAiRetryAutoConfiguration.class, ChatClientAutoConfiguration.class))
                .withPropertyValues("spring.ai.openai.api-key=sk-test-not-used",
                        "llmux.models.fast.deployments[0].model=mock/fast",
                        "llmux.models.fast.deployments[0].settings[mock_response]=llmux answered");
    }

    @Test
    void should_be_primary_beside_spring_ai_openai_starter_by_default() {
        withOpenAi().run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(OpenAiChatModel.class);
            assertThat(ctx.getBean(org.springframework.ai.chat.model.ChatModel.class)).isInstanceOf(dev.llmux.springai.LlmuxChatModel.class);
            assertThat(ctx.getBean(org.springframework.ai.embedding.EmbeddingModel.class))
                    .isInstanceOf(dev.llmux.springai.LlmuxEmbeddingModel.class);
            ChatClient client = ctx.getBean(ChatClient.Builder.class).build();
            assertThat(client.prompt("hi").call().content()).isEqualTo("llmux answered");
        });
    }

    @Test
    void should_replace_openai_chat_model_when_spring_ai_model_chat_is_llmux() {
        withOpenAi().withPropertyValues("spring.ai.model.chat=llmux", "llmux.spring-ai.primary=false").run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(OpenAiChatModel.class)
                    .hasSingleBean(org.springframework.ai.chat.model.ChatModel.class);
            assertThat(ctx.getBean(ChatClient.Builder.class).build().prompt("hi").call().content()).isEqualTo("llmux answered");
        });
    }

    @Test
    void should_step_aside_when_spring_ai_model_chat_names_another_provider() {
        withOpenAi().withPropertyValues("spring.ai.model.chat=openai").run(ctx ->
                assertThat(ctx).hasNotFailed().hasSingleBean(org.springframework.ai.chat.model.ChatModel.class)
                        .hasSingleBean(OpenAiChatModel.class));
    }
}
