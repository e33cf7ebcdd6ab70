package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.*;
import static dev.llmux.router.RouterFixture.ask;
import static dev.llmux.router.RouterFixture.dep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CooldownTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private Llmux llmux(CooldownPolicy cooldown) {
        return fx.llmux(fx.router().deployment(dep("g", "fake/a", "a")).deployment(dep("g", "fake/b", "b"))
                .settings(RouterSettings.builder().numRetries(0).backoff(Backoff.NONE).cooldown(cooldown).build()).build());
    }

    private void call(Llmux llmux) {
        llmux.chatAsync(ask("g")).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(Duration.ofSeconds(5));
    }

    @Test
    void should_cool_a_deployment_down_after_its_allowed_fails_and_bring_it_back_after_the_cooldown_time() {
        fx.provider.script("a", serverError());
        Llmux llmux = llmux(CooldownPolicy.DEFAULT.withAllowedFails(2).withCooldownTime(Duration.ofSeconds(30)).withFailureRatio(1.0, 1));

        while (fx.provider.calls("a") < 3) {
            call(llmux);
        }
        assertThat(fx.events).containsOnlyOnce("cooldown start a");
        long before = fx.provider.calls("a");
        for (int i = 0; i < 20; i++) {
            call(llmux);
        }
        assertThat(fx.provider.calls("a")).as("a rests").isEqualTo(before);

        fx.vts.advanceTimeBy(Duration.ofSeconds(30));
        fx.provider.script("a", ok("recovered"));
        for (int i = 0; i < 20; i++) {
            call(llmux);
        }
        assertThat(fx.provider.calls("a")).as("a is back").isGreaterThan(before);
        assertThat(fx.events).containsSubsequence("cooldown start a", "cooldown end a");
    }

    @Test
    void should_treat_zero_allowed_fails_as_zero() {
        fx.provider.script("a", rateLimited(Duration.ofSeconds(1)));
        Llmux llmux = llmux(CooldownPolicy.DEFAULT.withAllowedFails(FailureKind.RATE_LIMIT, 0));

        while (fx.provider.calls("a") < 1) {
            call(llmux);
        }

        assertThat(fx.events).contains("cooldown start a");
    }

    @Test
    void should_count_failures_per_kind_when_the_kind_has_its_own_allowance() {
        fx.provider.script("a", serverError(), serverError(), serverError(), unavailable(503));
        Llmux llmux = llmux(CooldownPolicy.DEFAULT.withAllowedFails(3).withAllowedFails(FailureKind.SERVICE_UNAVAILABLE, 0)
                .withFailureRatio(1.0, 1));

        while (fx.provider.calls("a") < 3) {
            call(llmux);
        }
        assertThat(fx.events).doesNotContain("cooldown start a");
        while (fx.provider.calls("a") < 4) {
            call(llmux);
        }
        assertThat(fx.events).contains("cooldown start a");
    }

    @Test
    void should_cool_down_when_the_failure_ratio_is_passed() {
        fx.provider.script("a", ok("1"), ok("2"), serverError(), serverError(), serverError());
        Llmux llmux = llmux(CooldownPolicy.DEFAULT.withAllowedFails(100).withFailureRatio(0.5, 5));

        while (fx.provider.calls("a") < 4) {
            call(llmux);
        }
        assertThat(fx.events).as("2 of 4 failed: not above half").doesNotContain("cooldown start a");
        while (fx.provider.calls("a") < 5) {
            call(llmux);
        }
        assertThat(fx.events).as("3 of 5 failed").contains("cooldown start a");
    }

    @Test
    void should_not_count_the_callers_mistakes_against_a_deployment() {
        fx.provider.script("a", contextWindow());
        Llmux llmux = llmux(CooldownPolicy.DEFAULT.withAllowedFails(0));

        while (fx.provider.calls("a") < 3) {
            call(llmux);
        }

        assertThat(fx.events).noneMatch(e -> e.startsWith("cooldown"));
    }

    @Test
    void should_not_cool_anything_down_when_disabled() {
        fx.provider.script("a", serverError());
        Llmux llmux = llmux(CooldownPolicy.DISABLED.withAllowedFails(0));

        while (fx.provider.calls("a") < 5) {
            call(llmux);
        }

        assertThat(fx.events).noneMatch(e -> e.startsWith("cooldown"));
    }

    @Test
    void should_reset_failure_counts_every_minute() {
        fx.provider.script("a", serverError());
        Llmux llmux = llmux(CooldownPolicy.DEFAULT.withAllowedFails(1).withFailureRatio(1.0, 1));

        while (fx.provider.calls("a") < 1) {
            call(llmux);
        }
        fx.vts.advanceTimeBy(Duration.ofMinutes(1));
        while (fx.provider.calls("a") < 2) {
            call(llmux);
        }

        assertThat(fx.events).doesNotContain("cooldown start a");
    }
}
