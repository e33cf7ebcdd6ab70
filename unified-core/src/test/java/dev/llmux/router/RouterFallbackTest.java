package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.*;
import static dev.llmux.router.RouterFixture.ask;
import static dev.llmux.router.RouterFixture.dep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.RateLimitException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RouterFallbackTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private Llmux llmux(Fallbacks fallbacks, int numRetries) {
        Router router = fx.router()
                .deployment(dep("primary", "fake/a", "a"))
                .deployment(dep("second", "fake/b", "b"))
                .deployment(dep("third", "fake/c", "c"))
                .deployment(dep("roomy", "fake/big", "big"))
                .settings(RouterSettings.builder().numRetries(numRetries).backoff(Backoff.NONE).cooldown(CooldownPolicy.DISABLED)
                        .fallbacks(fallbacks).build())
                .build();
        return fx.llmux(router);
    }

    @Test
    void should_try_fallbacks_in_order_after_retries_are_exhausted() {
        fx.provider.script("a", serverError());
        fx.provider.script("b", unavailable(503));
        fx.provider.script("c", ok("third time"));
        Llmux llmux = llmux(Fallbacks.NONE.withGeneric("primary", List.of("second", "third")), 1);

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("primary")), () -> fx.vts, Long.MAX_VALUE)
                .assertNext(r -> {
                    assertThat(r.text()).isEqualTo("third time");
                    assertThat(r.callInfo().deployment()).isEqualTo("c");
                    assertThat(r.callInfo().modelGroup()).isEqualTo("primary");
                    assertThat(r.callInfo().attempts()).isEqualTo(5);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calledModels()).containsExactly("a", "a", "b", "b", "c");
        assertThat(fx.events).containsSubsequence("fallback primary -> second GENERIC", "fallback primary -> third GENERIC",
                "success third c attempts=5");
    }

    @Test
    void should_use_context_window_fallbacks_for_context_window_errors() {
        fx.provider.script("a", contextWindow());
        Llmux llmux = llmux(Fallbacks.NONE.withGeneric("primary", List.of("second")).withContextWindow("primary", List.of("roomy")), 2);

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("primary")), () -> fx.vts, Long.MAX_VALUE)
                .assertNext(r -> assertThat(r.callInfo().deployment()).isEqualTo("big"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calledModels()).containsExactly("a", "big");
        assertThat(fx.events).contains("fallback primary -> roomy CONTEXT_WINDOW");
    }

    @Test
    void should_use_content_policy_fallbacks_for_content_policy_errors() {
        fx.provider.script("a", contentPolicy());
        Llmux llmux = llmux(Fallbacks.NONE.withContentPolicy("primary", List.of("third")), 2);

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("primary")), () -> fx.vts, Long.MAX_VALUE)
                .assertNext(r -> assertThat(r.callInfo().deployment()).isEqualTo("c"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(fx.events).contains("fallback primary -> third CONTENT_POLICY");
    }

    @Test
    void should_use_default_fallbacks_for_groups_without_their_own() {
        fx.provider.script("b", serverError());
        Llmux llmux = llmux(Fallbacks.NONE.withGeneric("primary", List.of("third")).withDefaults(List.of("roomy")), 0);

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("second")), () -> fx.vts, Long.MAX_VALUE)
                .assertNext(r -> assertThat(r.callInfo().deployment()).isEqualTo("big"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(fx.events).contains("fallback second -> roomy DEFAULT");
    }

    @Test
    void should_stop_at_the_maximum_number_of_fallbacks_and_report_the_last_error() {
        fx.provider.script("a", serverError());
        fx.provider.script("b", serverError());
        fx.provider.script("c", rateLimited(Duration.ofSeconds(1)));
        fx.provider.script("big", ok("unreached"));
        Llmux llmux = llmux(Fallbacks.NONE.withGeneric("primary", List.of("second", "third", "roomy")).withMaxFallbacks(2), 0);

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("primary")), () -> fx.vts, Long.MAX_VALUE)
                .expectError(RateLimitException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calledModels()).containsExactly("a", "b", "c");
    }

    @Test
    void should_fall_back_to_one_pinned_deployment_by_id() {
        fx.provider.script("a", serverError());
        Llmux llmux = llmux(Fallbacks.NONE.withGeneric("primary", List.of("big")), 0);

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("primary")), () -> fx.vts, Long.MAX_VALUE)
                .assertNext(r -> assertThat(r.callInfo().deployment()).isEqualTo("big"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fall_back_for_a_stream_that_fails_before_its_first_chunk() {
        fx.provider.script("a", serverError());
        Llmux llmux = llmux(Fallbacks.NONE.withGeneric("primary", List.of("second")), 1);

        StepVerifier.withVirtualTime(() -> llmux.stream(ask("primary")), () -> fx.vts, Long.MAX_VALUE)
                .assertNext(c -> {
                    assertThat(c.text()).isEqualTo("hello from b");
                    assertThat(c.callInfo().deployment()).isEqualTo("b");
                    assertThat(c.callInfo().attempts()).isEqualTo(3);
                })
                .expectNextCount(2)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calledModels()).containsExactly("a", "a", "b");
    }

    @Test
    void should_end_a_stream_that_dies_mid_way_with_a_typed_error_and_no_fallback() {
        fx.provider.script("a", streamDyingAfter("Hel", "lo"));
        Llmux llmux = llmux(Fallbacks.NONE.withGeneric("primary", List.of("second")), 3);

        StepVerifier.withVirtualTime(() -> llmux.stream(ask("primary")).map(ChatChunk::text), () -> fx.vts, Long.MAX_VALUE)
                .expectNext("Hel", "lo")
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class).hasMessageContaining("terminator"))
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calledModels()).containsExactly("a");
        assertThat(fx.events).noneMatch(e -> e.startsWith("fallback") || e.startsWith("retry"));
    }

    @Test
    void should_retry_a_stream_whose_first_chunk_is_too_slow() {
        fx.provider.script("a", slowFirstChunk(Duration.ofSeconds(20), "late"), slowFirstChunk(Duration.ofSeconds(1), "in time"));
        Router router = fx.router().deployment(Deployment.builder("g", "fake/a").id("a").timeout(Duration.ofSeconds(5)).build())
                .settings(RouterSettings.builder().backoff(Backoff.NONE).build()).build();
        Llmux llmux = fx.llmux(router);

        StepVerifier.withVirtualTime(() -> llmux.stream(ask("g")).map(c -> String.valueOf(c.text())), () -> fx.vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(6))
                .expectNext("in time")
                .expectNextCount(2)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(2);
    }

    @Test
    void should_fail_fast_when_the_whole_group_is_cooling_down_and_no_fallback_exists() {
        fx.provider.script("a", serverError());
        Router router = fx.router().deployment(dep("g", "fake/a", "a"))
                .settings(RouterSettings.builder().numRetries(0).cooldown(CooldownPolicy.DEFAULT.withAllowedFails(0)).build()).build();
        Llmux llmux = fx.llmux(router);

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectError(InternalServerException.class)
                .verify(Duration.ofSeconds(5));
        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RateLimitException.class)
                            .hasMessageContaining("no deployments available for group g")
                            .hasMessageContaining("try again in 5 s");
                    assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(5));
                })
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(1);
    }

    @Test
    void should_fall_back_when_the_whole_group_is_cooling_down() {
        fx.provider.script("a", serverError());
        Router router = fx.router().deployment(dep("g", "fake/a", "a")).deployment(dep("h", "fake/b", "b"))
                .settings(RouterSettings.builder().numRetries(0).cooldown(CooldownPolicy.DEFAULT.withAllowedFails(0))
                        .fallbacks(Fallbacks.NONE.withGeneric("g", List.of("h"))).build()).build();
        Llmux llmux = fx.llmux(router);

        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        var r = llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));

        assertThat(r.callInfo().deployment()).isEqualTo("b");
        assertThat(fx.provider.calledModels()).containsExactly("a", "b", "b");
    }
}
