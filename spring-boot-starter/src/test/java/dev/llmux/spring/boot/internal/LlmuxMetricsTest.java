package dev.llmux.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.Usage;
import dev.llmux.router.Deployment;

class LlmuxMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LlmuxMetrics metrics = new LlmuxMetrics(registry,
            new TagBounds(List.of(Deployment.builder("smart", "anthropic/claude-sonnet-4-5").id("claude").build())));

    private static LlmInterceptor.Chain answering(ChatResponse response) {
        return new LlmInterceptor.Chain() {
            @Override
            public Mono<ChatResponse> chat(ChatRequest request, CallOptions options) {
                return Mono.just(response);
            }

            @Override
            public Flux<ChatChunk> stream(ChatRequest request, CallOptions options) {
                return Flux.error(new UnsupportedOperationException());
            }

            @Override
            public Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options) {
                return Mono.error(new UnsupportedOperationException());
            }
        };
    }

    @Test
    void should_count_token_kinds_and_cost_with_configured_tags_when_a_call_succeeds() {
        ChatResponse response = ChatResponse.of("r1", 1, "claude-sonnet-4-5",
                        List.of(new Choice(0, ChatMessage.assistant("hi"), null, null, java.util.Map.of())), Usage.of(100, 50, 30, 0, 20))
                .withCallInfo(new CallInfo("anthropic", "claude-sonnet-4-5", "claude", "smart", 1, Duration.ofMillis(250), null,
                        new BigDecimal("0.00123"), false));
        ChatRequest request = ChatRequest.builder().model("smart").message(ChatMessage.user("hi")).build();

        metrics.chat(request, CallOptions.defaults(), answering(response)).block(Duration.ofSeconds(5));

        String[] tags = {"alias", "smart", "deployment", "claude", "provider", "anthropic"};
        assertThat(registry.get("llmux.tokens").tags(tags).tag("kind", "input").counter().count()).isEqualTo(100);
        assertThat(registry.get("llmux.tokens").tags(tags).tag("kind", "output").counter().count()).isEqualTo(50);
        assertThat(registry.get("llmux.tokens").tags(tags).tag("kind", "cached_input").counter().count()).isEqualTo(30);
        assertThat(registry.get("llmux.tokens").tags(tags).tag("kind", "reasoning").counter().count()).isEqualTo(20);
        assertThat(registry.get("llmux.cost").tags(tags).counter().count()).isEqualTo(0.00123);
        assertThat(registry.get("llmux.latency").tags(tags).timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void should_collapse_unknown_aliases_deployments_and_providers_to_other() {
        ChatResponse response = ChatResponse.of("r1", 1, "x", List.of(new Choice(0, ChatMessage.assistant("hi"), null, null, java.util.Map.of())),
                        Usage.of(1, 1))
                .withCallInfo(new CallInfo("openai", "gpt-4o", "made-up", "made-up-alias", 1, Duration.ofMillis(5), null, null, false));
        ChatRequest request = ChatRequest.builder().model("made-up-alias").message(ChatMessage.user("hi")).build();

        metrics.chat(request, CallOptions.defaults(), answering(response)).block(Duration.ofSeconds(5));

        assertThat(registry.get("llmux.requests").tags("alias", "other", "deployment", "other", "provider", "other").counter().count())
                .isEqualTo(1);
    }
}
