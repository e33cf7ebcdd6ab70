package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.*;
import static dev.llmux.router.RouterFixture.ask;
import static dev.llmux.router.RouterFixture.dep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.CallOptions;
import dev.llmux.api.ChatResponse;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.ServiceUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RouterRetryTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private Llmux single(RouterSettings settings) {
        return fx.llmux(fx.router().deployment(dep("g", "fake/a", "a")).settings(settings).build());
    }

    @Test
    void should_wait_for_retry_after_then_retry_when_rate_limited() {
        fx.provider.script("a", rateLimited(Duration.ofSeconds(3)), ok("second time lucky"));
        Llmux llmux = single(RouterSettings.builder().backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0)).build());

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(2999))
                .then(() -> assertThat(fx.provider.calls("a")).isEqualTo(1))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(r -> {
                    assertThat(r.text()).isEqualTo("second time lucky");
                    assertThat(r.callInfo().attempts()).isEqualTo(2);
                    assertThat(r.callInfo().deployment()).isEqualTo("a");
                    assertThat(r.callInfo().modelGroup()).isEqualTo("g");
                    assertThat(r.callInfo().latency()).isEqualTo(Duration.ofSeconds(3));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(fx.events).contains("retry a after 429 in 3000ms");
    }

    @Test
    void should_give_up_after_num_retries_when_server_keeps_failing() {
        fx.provider.script("a", serverError());
        Llmux llmux = single(RouterSettings.builder().numRetries(3).backoff(Backoff.NONE).cooldown(CooldownPolicy.DISABLED).build());

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(InternalServerException.class);
                    assertThat(((InternalServerException) e).model()).isEqualTo("g");
                })
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(4);
        assertThat(fx.events).contains("failure g InternalServerException attempts=4");
    }

    @Test
    void should_retry_each_kind_as_its_policy_says() {
        fx.provider.script("a", unavailable(529));
        RetryPolicy policy = RetryPolicy.of(5).with(FailureKind.SERVICE_UNAVAILABLE, 1);
        Llmux llmux = single(RouterSettings.builder().retryPolicy(policy).backoff(Backoff.NONE).cooldown(CooldownPolicy.DISABLED).build());

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectError(ServiceUnavailableException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(2);
    }

    @Test
    void should_retry_503_and_connection_resets() {
        fx.provider.script("a", unavailable(503), connectionReset(), ok("fine"));
        Llmux llmux = single(RouterSettings.builder().backoff(Backoff.NONE).cooldown(CooldownPolicy.DISABLED).build());

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .assertNext(r -> assertThat(r.callInfo().attempts()).isEqualTo(3))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_never_retry_errors_that_cannot_succeed() {
        for (var step : new FaultyProvider.Step[] {unauthorized(), contextWindow(), quotaExhausted(), contentPolicy()}) {
            try (RouterFixture f = new RouterFixture()) {
                f.provider.script("a", step);
                Llmux llmux = f.llmux(f.router().deployment(dep("g", "fake/a", "a"))
                        .settings(RouterSettings.builder().numRetries(5).retryPolicy(RetryPolicy.of(5).with(FailureKind.AUTHENTICATION, 5))
                                .backoff(Backoff.NONE).build()).build());
                StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> f.vts, Long.MAX_VALUE)
                        .expectError()
                        .verify(Duration.ofSeconds(5));
                assertThat(f.provider.calls("a")).as("calls after %s", f.provider.received.get(0)).isEqualTo(1);
            }
        }
    }

    @Test
    void should_retry_on_another_deployment_of_the_group() {
        fx.provider.script("a", serverError());
        fx.provider.script("b", ok("from b"));
        Router router = fx.router().deployment(dep("g", "fake/a", "a")).deployment(dep("g", "fake/b", "b"))
                .settings(RouterSettings.builder().backoff(Backoff.NONE).build()).build();
        Llmux llmux = fx.llmux(router);

        for (int i = 0; i < 10; i++) {
            ChatResponse r = llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
            assertThat(r.callInfo().deployment()).isEqualTo("b");
            assertThat(r.callInfo().attempts()).isIn(1, 2);
        }
        // every call that hit a first was retried on b, never on a again
        assertThat(fx.provider.calledModels()).doesNotContainSequence("a", "a");
    }

    @Test
    void should_time_out_a_slow_first_byte_and_retry() {
        fx.provider.script("a", slow(Duration.ofSeconds(30), "too late"), ok("quick"));
        Llmux llmux = fx.llmux(fx.router().deployment(Deployment.builder("g", "fake/a").id("a").timeout(Duration.ofSeconds(2)).build())
                .settings(RouterSettings.builder().backoff(Backoff.NONE).build()).build());

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .assertNext(r -> {
                    assertThat(r.text()).isEqualTo("quick");
                    assertThat(r.callInfo().attempts()).isEqualTo(2);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        // the deployment's timeout travels to the provider too
        assertThat(fx.provider.received.get(0).call().timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void should_stop_all_retries_at_the_call_deadline() {
        fx.provider.script("a", hang());
        Llmux llmux = single(RouterSettings.builder().numRetries(10).timeout(Duration.ofSeconds(4)).backoff(Backoff.NONE)
                .cooldown(CooldownPolicy.DISABLED).build());

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g"), CallOptions.defaults().withDeadline(Duration.ofSeconds(10))),
                        () -> fx.vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(10))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("deadline of 10000 ms");
                })
                .verify(Duration.ofSeconds(5));
        // 4 s + 4 s, then the third attempt gets only the 2 s left
        assertThat(fx.provider.calls("a")).isEqualTo(3);
    }

    @Test
    void should_not_wait_longer_than_the_retry_after_cap() {
        fx.provider.script("a", rateLimited(Duration.ofMinutes(10)), ok("never"));
        Llmux llmux = single(RouterSettings.builder().backoff(Backoff.DEFAULT.withRetryAfterCap(Duration.ofSeconds(30))).build());

        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectError(RateLimitException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(1);
    }

    @Test
    void should_pass_deployment_model_settings_and_prices_to_the_provider() {
        Deployment d = Deployment.builder("g", "fake/a").id("a")
                .settings(dev.llmux.spi.ProviderSettings.builder().apiBase("http://eu.example").apiKey("k-dep").build())
                .prices(new dev.llmux.catalog.ModelPrices(new java.math.BigDecimal("0.001"), new java.math.BigDecimal("0.002"), null, null))
                .build();
        Llmux llmux = fx.llmux(fx.router().deployment(d).build());

        ChatResponse r = llmux.chatAsync(ask("g"), CallOptions.defaults().withSettings(dev.llmux.spi.ProviderSettings.builder().apiKey("k-caller").build()))
                .block(Duration.ofSeconds(5));

        var call = fx.provider.received.get(0).call();
        assertThat(call.model()).isEqualTo("a");
        assertThat(call.settings().apiBase()).isEqualTo("http://eu.example");
        assertThat(call.settings().apiKey()).as("the caller's explicit settings win").isEqualTo("k-caller");
        // 10 prompt × 0.001 + 5 completion × 0.002
        assertThat(r.callInfo().cost()).isEqualByComparingTo("0.02");
    }

    @Test
    void should_pass_models_that_are_not_groups_straight_through() {
        Llmux llmux = fx.llmux(fx.router().deployment(dep("g", "fake/a", "a")).build());

        ChatResponse r = llmux.chatAsync(ask("fake/b")).block(Duration.ofSeconds(5));

        assertThat(r.callInfo().deployment()).isNull();
        assertThat(fx.provider.calledModels()).containsExactly("b");
    }

    @Test
    void should_report_authentication_errors_without_retrying() {
        fx.provider.script("a", unauthorized());
        Llmux llmux = single(RouterSettings.defaults());
        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectError(AuthenticationException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(fx.events).noneMatch(e -> e.startsWith("retry"));
    }

    @Test
    void should_raise_context_window_errors_unchanged() {
        fx.provider.script("a", contextWindow());
        Llmux llmux = single(RouterSettings.defaults());
        StepVerifier.withVirtualTime(() -> llmux.chatAsync(ask("g")), () -> fx.vts, Long.MAX_VALUE)
                .expectError(ContextWindowExceededException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_route_and_retry_embeddings() {
        fx.provider.script("a", serverError(), ok("vector"));
        Llmux llmux = single(RouterSettings.builder().backoff(Backoff.NONE).build());

        var r = llmux.embedAsync(dev.llmux.api.EmbeddingRequest.of("g", "some text"), CallOptions.defaults()).block(Duration.ofSeconds(5));

        assertThat(r.data()).hasSize(1);
        assertThat(r.callInfo().deployment()).isEqualTo("a");
        assertThat(r.callInfo().attempts()).isEqualTo(2);
        // 3 prompt tokens at $1/Mtok
        assertThat(r.callInfo().cost()).isEqualByComparingTo("0.000003");
    }
}
