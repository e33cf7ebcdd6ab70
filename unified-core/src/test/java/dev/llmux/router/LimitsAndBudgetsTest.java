package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.*;
import static dev.llmux.router.RouterFixture.dep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.error.BudgetExceededException;
import dev.llmux.error.RateLimitException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitsAndBudgetsTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    /** "hi" is estimated at 8 prompt tokens; with max_tokens 100 at $1/Mtok in and out a call reserves $0.000108. */
    private static ChatRequest ask(String model) {
        return ChatRequest.builder().model(model).messages(List.of(ChatMessage.user("hi"))).maxTokens(100).build();
    }

    @Test
    void should_enforce_a_deployments_rpm_until_the_next_minute() {
        Llmux llmux = fx.llmux(fx.router().deployment(Deployment.builder("g", "fake/a").id("a").rpm(3).build()).build());

        for (int i = 0; i < 3; i++) {
            llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5)))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("every deployment of group g is at its rpm/tpm limit for this minute")
                .satisfies(e -> assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofMinutes(1)));
        assertThat(fx.provider.calls("a")).isEqualTo(3);

        fx.vts.advanceTimeBy(Duration.ofMinutes(1));
        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(4);
    }

    @Test
    void should_spill_over_to_another_deployment_at_its_rpm_limit() {
        Llmux llmux = fx.llmux(fx.router().deployment(Deployment.builder("g", "fake/a").id("a").rpm(2).order(1).build())
                .deployment(Deployment.builder("g", "fake/b").id("b").rpm(100).order(2).build()).build());

        for (int i = 0; i < 5; i++) {
            llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        }

        assertThat(fx.provider.calledModels()).containsExactly("a", "a", "b", "b", "b");
    }

    @Test
    void should_enforce_tpm_with_real_usage() {
        fx.provider.script("a", okWithUsage("long", 500, 100));
        Llmux llmux = fx.llmux(fx.router().deployment(Deployment.builder("g", "fake/a").id("a").tpm(1_300).build()).build());

        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        // 1,200 tokens used: the next estimate of 8 fits, but real usage then took the minute to 1,800
        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        assertThatThrownBy(() -> llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5))).isInstanceOf(RateLimitException.class);
        assertThat(fx.provider.calls("a")).isEqualTo(3);
    }

    @Test
    void should_never_overspend_a_budget_under_50_concurrent_calls() throws Exception {
        fx.provider.script("a", slow(Duration.ofSeconds(1), "answer"));
        Budget budget = Budget.forGroup("g", new BigDecimal("0.001"), Duration.ofDays(1));
        Router router = fx.router().deployment(dep("g", "fake/a", "a"))
                .settings(RouterSettings.builder().budget(budget).numRetries(0).build()).build();
        Llmux llmux = fx.llmux(router);

        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch subscribed = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            pool.execute(() -> {
                llmux.chatAsync(ask("g")).subscribe(outcomes::add, outcomes::add);
                subscribed.countDown();
            });
        }
        assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        fx.vts.advanceTimeBy(Duration.ofSeconds(1));

        long answered = outcomes.stream().filter(o -> o instanceof ChatResponse).count();
        long refused = outcomes.stream().filter(o -> o instanceof BudgetExceededException).count();
        assertThat(answered + refused).isEqualTo(50);
        // 9 reservations of $0.000108 fit in $0.001; the 10th would not
        assertThat(answered).isEqualTo(9);
        BigDecimal spent = outcomes.stream().filter(o -> o instanceof ChatResponse).map(o -> ((ChatResponse) o).callInfo().cost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).isLessThanOrEqualTo(budget.limit());
        var usage = router.state().budget("budget:group:g:" + (fx.clock.millis() / Duration.ofDays(1).toMillis())).block();
        assertThat(usage.reservedNanos()).as("every reservation settled").isZero();
        assertThat(usage.spentNanos()).isEqualTo(9 * 15_000L);
        BudgetExceededException e = (BudgetExceededException) outcomes.stream().filter(o -> o instanceof BudgetExceededException).findFirst().orElseThrow();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.openAiType()).isEqualTo("budget_exceeded");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.retryAfter()).isPresent();
    }

    @Test
    void should_admit_again_once_real_costs_free_the_reservations() {
        Budget budget = Budget.forGroup("g", new BigDecimal("0.0003"), Duration.ofDays(1));
        Llmux llmux = fx.llmux(fx.router().deployment(dep("g", "fake/a", "a")).settings(RouterSettings.builder().budget(budget).build()).build());

        // each call reserves $0.000108 and really costs $0.000015
        for (int i = 0; i < 12; i++) {
            llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        }
        assertThat(fx.provider.calls("a")).isEqualTo(12);
    }

    @Test
    void should_reset_a_budget_when_its_period_ends() {
        Budget budget = Budget.forGroup("g", new BigDecimal("0.0002"), Duration.ofHours(1));
        fx.provider.script("a", okWithUsage("pricey", 100, 100));
        Llmux llmux = fx.llmux(fx.router().deployment(dep("g", "fake/a", "a")).settings(RouterSettings.builder().budget(budget).build()).build());

        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        assertThatThrownBy(() -> llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5))).isInstanceOf(BudgetExceededException.class);

        fx.vts.advanceTimeBy(Duration.ofHours(1));
        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(2);
    }

    @Test
    void should_route_to_the_budget_fallback_group_past_its_threshold_and_alert() {
        fx.provider.script("a", okWithUsage("premium", 100, 100));
        Budget budget = Budget.forGroup("premium", new BigDecimal("0.001"), Duration.ofDays(1)).withFallback(0.5, "local")
                .withAlerts(List.of(0.25, 0.5));
        Llmux llmux = fx.llmux(fx.router().deployment(dep("premium", "fake/a", "a")).deployment(dep("local", "fake/cheap", "cheap"))
                .settings(RouterSettings.builder().budget(budget).build()).build());

        // each premium call costs $0.0002: after three, spend is 60 % of the budget
        for (int i = 0; i < 3; i++) {
            assertThat(llmux.chatAsync(ask("premium")).block(Duration.ofSeconds(5)).callInfo().deployment()).isEqualTo("a");
        }
        ChatResponse r = llmux.chatAsync(ask("premium")).block(Duration.ofSeconds(5));

        assertThat(r.callInfo().deployment()).isEqualTo("cheap");
        assertThat(fx.events).containsSubsequence("budget group:premium 0.25", "budget group:premium 0.5",
                "fallback premium -> local BUDGET");
        assertThat(fx.events).containsOnlyOnce("budget group:premium 0.5");
    }

    @Test
    void should_apply_tag_budgets_to_calls_carrying_the_tag() {
        fx.provider.script("a", okWithUsage("x", 100, 100));
        Budget budget = Budget.forTag("team-a", new BigDecimal("0.0003"), Duration.ofDays(1));
        Llmux llmux = fx.llmux(fx.router().deployment(dep("g", "fake/a", "a")).settings(RouterSettings.builder().budget(budget).build()).build());
        CallOptions teamA = CallOptions.defaults().withTags(Map.of("team-a", "true"));

        llmux.chatAsync(ask("g"), teamA).block(Duration.ofSeconds(5));
        assertThatThrownBy(() -> llmux.chatAsync(ask("g"), teamA).block(Duration.ofSeconds(5)))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("budget tag:team-a of $0.0003");
        // untagged calls are not counted against it
        llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        assertThat(fx.provider.calls("a")).isEqualTo(2);
    }
}
