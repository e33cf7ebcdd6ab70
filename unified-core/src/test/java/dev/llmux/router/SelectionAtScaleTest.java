package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.serverError;
import static dev.llmux.router.RouterFixture.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Selection in large groups: the weighted shuffle draws one deployment and falls back to a full ranking only when
 * the drawn one cannot take the call; the other strategies pick their best without sorting and rank the rest only
 * for retries. These tests hold the odds and the order to what a full ranking gives.
 */
class SelectionAtScaleTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private static List<Deployment> group(int n, java.util.function.IntToDoubleFunction weight) {
        List<Deployment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Deployment.builder("g", "fake/m" + i).id("m" + i).weight(weight.applyAsDouble(i)).build());
        }
        return out;
    }

    private String deploymentOf(Llmux llmux) {
        return llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5)).callInfo().deployment();
    }

    @Test
    void should_shuffle_by_weight_over_a_hundred_deployments() {
        // odd deployments weigh 3, even ones 1: the odd half should take 3/4 of the calls
        Llmux llmux = fx.llmux(fx.router().deployments(group(100, i -> i % 2 == 1 ? 3 : 1)).build());

        int odd = 0;
        for (int i = 0; i < 4000; i++) {
            odd += Integer.parseInt(deploymentOf(llmux).substring(1)) % 2;
        }

        assertThat(odd).isBetween(2850, 3150);
    }

    @Test
    void should_never_draw_a_deployment_without_weight_while_a_weighted_one_can_answer() {
        Llmux llmux = fx.llmux(fx.router().deployments(group(20, i -> i == 7 ? 0 : 1 + i % 3)).build());

        for (int i = 0; i < 1000; i++) {
            assertThat(deploymentOf(llmux)).isNotEqualTo("m7");
        }
    }

    @Test
    void should_spread_by_weight_over_the_usable_deployments_when_the_heaviest_is_cooling() {
        Router router = fx.router()
                .deployment(Deployment.builder("g", "fake/a").id("a").weight(8).build())
                .deployment(Deployment.builder("g", "fake/b").id("b").weight(1).build())
                .deployment(Deployment.builder("g", "fake/c").id("c").weight(3).build())
                .build();
        Llmux llmux = fx.llmux(router);
        // another instance put a into a cooldown
        assertThat(router.state().recordFailure("a", "generic", fx.clock.instant(),
                new RouterState.CooldownRule(0, 1.0, 1_000, Duration.ofHours(1))).block()).isTrue();

        for (int i = 0; i < 2000; i++) {
            deploymentOf(llmux);
        }

        assertThat(fx.provider.calls("a")).isZero();
        // c weighs 3 of the 4 that b and c weigh together
        assertThat(fx.provider.calls("c")).isBetween(1350L, 1650L);
    }

    @Test
    void should_draw_among_the_deployments_with_headroom_when_the_drawn_one_is_at_its_rpm_limit() {
        Router router = fx.router()
                .deployment(Deployment.builder("g", "fake/a").id("a").weight(100).rpm(10).build())
                .deployment(Deployment.builder("g", "fake/b").id("b").weight(1).build())
                .build();
        Llmux llmux = fx.llmux(router);

        for (int i = 0; i < 50; i++) {
            deploymentOf(llmux);
        }

        // a takes calls until its 10 requests of this minute are spent; then every call goes to b
        assertThat(fx.provider.calls("a")).isEqualTo(10);
        assertThat(fx.provider.calls("b")).isEqualTo(40);
    }

    @Test
    void should_retry_on_a_different_deployment_each_time_in_a_large_group() {
        List<Deployment> deployments = group(30, i -> 1);
        for (int i = 0; i < 30; i++) {
            if (i != 17) {
                fx.provider.script("m" + i, serverError());
            }
        }
        Llmux llmux = fx.llmux(fx.router().deployments(deployments)
                .settings(RouterSettings.builder().retryPolicy(RetryPolicy.of(40)).backoff(Backoff.NONE)
                        .cooldown(CooldownPolicy.DEFAULT.withAllowedFails(1_000)).build())
                .build());

        assertThat(deploymentOf(llmux)).isEqualTo("m17");

        List<String> called = fx.provider.calledModels();
        assertThat(new HashSet<>(called)).hasSize(called.size());
        assertThat(called).endsWith("m17");
    }

    @Test
    void should_pick_the_least_busy_of_many_deployments() {
        Router router = fx.router().deployments(group(10, i -> 0))
                .settings(RouterSettings.builder().strategy(RoutingStrategy.LEAST_BUSY).build()).build();
        Llmux llmux = fx.llmux(router);
        // every deployment but m4 has a call in flight on another instance
        IntStream.range(0, 10).filter(i -> i != 4)
                .forEach(i -> router.state().acquire("m" + i, fx.clock.instant(), 0, 0, 1).block());

        for (int i = 0; i < 20; i++) {
            assertThat(deploymentOf(llmux)).isEqualTo("m4");
        }
    }

    @Test
    void should_spread_least_busy_ties_evenly() {
        Llmux llmux = fx.llmux(fx.router().deployments(group(4, i -> 0))
                .settings(RouterSettings.builder().strategy(RoutingStrategy.LEAST_BUSY).build()).build());

        for (int i = 0; i < 2000; i++) {
            deploymentOf(llmux);
        }

        // calls finish at once, so all four are always tied: each takes about a quarter
        for (int i = 0; i < 4; i++) {
            assertThat(fx.provider.calls("m" + i)).isBetween(400L, 600L);
        }
    }

    @Test
    void should_pick_the_next_cheapest_when_the_cheapest_is_cooling() {
        Router router = fx.router().deployment(RouterFixture.dep("g", "fake/big", "big")).deployment(RouterFixture.dep("g", "fake/cheap", "cheap"))
                .deployment(RouterFixture.dep("g", "fake/a", "a"))
                .settings(RouterSettings.builder().strategy(RoutingStrategy.COST_BASED).build()).build();
        Llmux llmux = fx.llmux(router);
        router.state().recordFailure("cheap", "generic", fx.clock.instant(), new RouterState.CooldownRule(0, 1.0, 1_000, Duration.ofHours(1)))
                .block();

        for (int i = 0; i < 10; i++) {
            assertThat(deploymentOf(llmux)).isEqualTo("a");
        }
    }

    @Test
    void should_spread_calls_evenly_over_equally_cheap_deployments() {
        Llmux llmux = fx.llmux(fx.router().deployment(RouterFixture.dep("g", "fake/big", "big"))
                .deployment(RouterFixture.dep("g", "fake/a", "a")).deployment(RouterFixture.dep("g", "fake/b", "b"))
                .deployment(RouterFixture.dep("g", "fake/c", "c"))
                .settings(RouterSettings.builder().strategy(RoutingStrategy.COST_BASED).build()).build());

        for (int i = 0; i < 1500; i++) {
            deploymentOf(llmux);
        }

        assertThat(fx.provider.calls("big")).isZero();
        for (String id : List.of("a", "b", "c")) {
            assertThat(fx.provider.calls(id)).isBetween(400L, 600L);
        }
    }

    @Test
    void should_answer_on_the_calling_thread_when_the_provider_answers_at_once() {
        // the default scheduler: a hop to it would show as another thread
        for (Duration timeout : new Duration[] {null, Duration.ofSeconds(30)}) {
            Router router = Router.builder().catalog(RouterFixture.CATALOG).deployments(group(3, i -> 1))
                    .settings(RouterSettings.builder().timeout(timeout).build()).build();
            Llmux llmux = Llmux.builder().provider(fx.provider).catalog(RouterFixture.CATALOG).discoverProviders(false)
                    .interceptor(router).build();
            try {
                Thread answeredOn = llmux.chatAsync(ask("g")).map(r -> Thread.currentThread()).block(Duration.ofSeconds(5));

                assertThat(answeredOn).as("timeout %s", timeout).isSameAs(Thread.currentThread());
            } finally {
                llmux.close();
            }
        }
    }
}
