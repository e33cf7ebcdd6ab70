package dev.llmux.redis;

import static dev.llmux.router.FaultyProvider.ok;
import static dev.llmux.router.FaultyProvider.serverError;
import static dev.llmux.router.FaultyProvider.slow;
import static dev.llmux.router.RouterFixture.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.error.BudgetExceededException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.router.Backoff;
import dev.llmux.router.Budget;
import dev.llmux.router.CooldownPolicy;
import dev.llmux.router.Deployment;
import dev.llmux.router.ResponseCache;
import dev.llmux.router.RouterFixture;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RouterState;
import io.lettuce.core.RedisURI;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Against the real Redis at 127.0.0.1:6379 (run with -Pservices). Each test uses its own key prefix. */
@Tag("services")
class RedisRouterStateTest {

    private static final RedisURI REDIS = RedisURI.create("redis://127.0.0.1:6379");

    private final String prefix = "llmux-test:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    private RedisRouterState state(RedisRouterState.FailureMode mode) {
        return closing(RedisRouterState.builder(REDIS).prefix(prefix).failureMode(mode).build());
    }

    /** One router instance: its own fixture (provider, virtual time), sharing Redis with the others. */
    private Llmux instance(RouterFixture fx, RouterState state, RouterSettings settings, Deployment... deployments) {
        closing(fx::close);
        return fx.llmux(fx.router().state(state).settings(settings).deployments(List.of(deployments)).build());
    }

    @Test
    void should_hold_one_rpm_limit_across_two_router_instances() {
        Deployment limited = Deployment.builder("g", "fake/a").id("a").rpm(5).build();
        RouterFixture one = new RouterFixture();
        RouterFixture two = new RouterFixture();
        Llmux first = instance(one, state(RedisRouterState.FailureMode.FAIL_CLOSED), RouterSettings.defaults(), limited);
        Llmux second = instance(two, state(RedisRouterState.FailureMode.FAIL_CLOSED), RouterSettings.defaults(), limited);

        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            Llmux llmux = i % 2 == 0 ? first : second;
            try {
                llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
                answered++;
            } catch (RateLimitException e) {
                assertThat(e).hasMessageContaining("rpm/tpm limit");
                refused++;
            }
        }

        assertThat(answered).isEqualTo(5);
        assertThat(refused).isEqualTo(7);
        assertThat(one.provider.calls("a") + two.provider.calls("a")).isEqualTo(5);
    }

    @Test
    void should_admit_exactly_the_limit_under_concurrent_acquires_from_two_connections() {
        RedisRouterState a = state(RedisRouterState.FailureMode.FAIL_CLOSED);
        RedisRouterState b = state(RedisRouterState.FailureMode.FAIL_CLOSED);
        Instant now = Instant.parse("2027-01-01T00:00:10Z");

        long admitted = reactor.core.publisher.Flux.range(0, 100)
                .flatMap(i -> (i % 2 == 0 ? a : b).acquire("d", now, 37, 0, 1), 32)
                .filter(ok -> ok)
                .count()
                .block(Duration.ofSeconds(10));

        assertThat(admitted).isEqualTo(37);
        assertThat(a.load(List.of("d"), now).block(Duration.ofSeconds(5)).get("d").inFlight()).isEqualTo(37);
    }

    @Test
    void should_share_cooldowns_between_instances() {
        Deployment flaky = Deployment.builder("g", "fake/a").id("a").build();
        Deployment steady = Deployment.builder("g", "fake/b").id("b").build();
        RouterSettings settings = RouterSettings.builder().numRetries(0).backoff(Backoff.NONE)
                .cooldown(CooldownPolicy.DEFAULT.withAllowedFails(0).withCooldownTime(Duration.ofSeconds(30))).build();
        RouterFixture one = new RouterFixture();
        RouterFixture two = new RouterFixture();
        one.provider.script("a", serverError());
        Llmux first = instance(one, state(RedisRouterState.FailureMode.FAIL_CLOSED), settings, flaky, steady);
        Llmux second = instance(two, state(RedisRouterState.FailureMode.FAIL_CLOSED), settings, flaky, steady);

        while (one.provider.calls("a") == 0) {
            first.chatAsync(ask("g")).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(Duration.ofSeconds(5));
        }
        assertThat(one.events).contains("cooldown start a");
        for (int i = 0; i < 10; i++) {
            assertThat(second.chatAsync(ask("g")).block(Duration.ofSeconds(5)).callInfo().deployment()).isEqualTo("b");
        }
        assertThat(two.provider.calls("a")).isZero();
    }

    @Test
    void should_share_one_budget_between_instances_without_overspending() {
        Budget budget = Budget.forGroup("g", new BigDecimal("0.001"), Duration.ofDays(1));
        RouterSettings settings = RouterSettings.builder().budget(budget).numRetries(0).build();
        Deployment d = Deployment.builder("g", "fake/a").id("a").build();
        RouterFixture one = new RouterFixture();
        RouterFixture two = new RouterFixture();
        one.provider.script("a", slow(Duration.ofSeconds(1), "x"));
        two.provider.script("a", slow(Duration.ofSeconds(1), "x"));
        Llmux first = instance(one, state(RedisRouterState.FailureMode.FAIL_CLOSED), settings, d);
        Llmux second = instance(two, state(RedisRouterState.FailureMode.FAIL_CLOSED), settings, d);
        ChatRequest req = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user("hi"))).maxTokens(100).build();

        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? first : second).chatAsync(req).subscribe(outcomes::add, outcomes::add);
        }
        // reservations happen asynchronously against Redis; wait until all 30 calls were admitted or refused
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (one.provider.calls("a") + two.provider.calls("a") + outcomes.size() < 30 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        one.vts.advanceTimeBy(Duration.ofSeconds(1));
        two.vts.advanceTimeBy(Duration.ofSeconds(1));
        while (outcomes.size() < 30 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        // $0.000108 reserved per call: 9 fit in $0.001, whichever instance they came through
        assertThat(outcomes.stream().filter(o -> o instanceof ChatResponse).count()).isEqualTo(9);
        assertThat(outcomes.stream().filter(o -> o instanceof BudgetExceededException).count()).isEqualTo(21);
    }

    @Test
    void should_let_calls_through_without_limits_when_redis_is_down_and_failing_open() {
        RedisRouterState down = closing(RedisRouterState.builder(RedisURI.create("redis://127.0.0.1:1")).prefix(prefix)
                .failureMode(RedisRouterState.FailureMode.FAIL_OPEN).timeout(Duration.ofMillis(300)).build());
        RouterFixture fx = new RouterFixture();
        Llmux llmux = instance(fx, down, RouterSettings.defaults(), Deployment.builder("g", "fake/a").id("a").rpm(1).build());

        for (int i = 0; i < 3; i++) {
            assertThat(llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5)).text()).isEqualTo("hello from a");
        }
        assertThat(fx.provider.calls("a")).as("the rpm limit of 1 is not enforced without Redis").isEqualTo(3);
    }

    @Test
    void should_refuse_calls_when_redis_is_down_and_failing_closed() {
        RedisRouterState down = closing(RedisRouterState.builder(RedisURI.create("redis://127.0.0.1:1")).prefix(prefix)
                .failureMode(RedisRouterState.FailureMode.FAIL_CLOSED).timeout(Duration.ofMillis(300)).build());
        RouterFixture fx = new RouterFixture();
        Llmux llmux = instance(fx, down, RouterSettings.defaults(), Deployment.builder("g", "fake/a").id("a").build());

        assertThatThrownBy(() -> llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("router state (Redis) is unavailable")
                .satisfies(e -> assertThat(((ServiceUnavailableException) e).status()).isEqualTo(503));
        assertThat(fx.provider.received).isEmpty();
    }

    @Test
    void should_reload_scripts_after_redis_forgets_them() {
        RedisRouterState s = state(RedisRouterState.FailureMode.FAIL_CLOSED);
        Instant now = Instant.parse("2027-01-01T00:00:10Z");
        assertThat(s.acquire("d", now, 0, 0, 1).block(Duration.ofSeconds(5))).isTrue();

        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(REDIS);
        try (var c = client.connect()) {
            c.sync().scriptFlush();
        } finally {
            client.shutdown();
        }

        assertThat(s.acquire("d", now, 0, 0, 1).block(Duration.ofSeconds(5))).isTrue();
        assertThat(s.load(List.of("d"), now).block(Duration.ofSeconds(5)).get("d").requests()).isEqualTo(2);
    }

    @Test
    void should_settle_reservations_and_report_totals() {
        RedisRouterState s = state(RedisRouterState.FailureMode.FAIL_CLOSED);
        assertThat(s.reserve("budget:x:1", 1_000, 600, Duration.ofMinutes(5)).block(Duration.ofSeconds(5))).isTrue();
        assertThat(s.reserve("budget:x:1", 1_000, 600, Duration.ofMinutes(5)).block(Duration.ofSeconds(5))).isFalse();

        RouterState.BudgetUsage after = s.settle("budget:x:1", 600, 250, Duration.ofMinutes(5)).block(Duration.ofSeconds(5));

        assertThat(after).isEqualTo(new RouterState.BudgetUsage(250, 0));
        assertThat(s.reserve("budget:x:1", 1_000, 600, Duration.ofMinutes(5)).block(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void should_serve_cached_answers_from_redis_to_another_instance() {
        RedisResponseCache cache = closing(RedisResponseCache.create(REDIS, prefix));
        RouterSettings settings = RouterSettings.builder().cacheResponses(true).build();
        Deployment d = Deployment.builder("g", "fake/a").id("a").build();
        RouterFixture one = new RouterFixture();
        RouterFixture two = new RouterFixture();
        one.provider.script("a", ok("computed once"));
        closing(one::close);
        closing(two::close);
        Llmux first = one.llmux(one.router().cache(cache).settings(settings).deployment(d).build());
        Llmux second = two.llmux(two.router().cache(cache).settings(settings).deployment(d).build());

        first.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        ChatResponse hit = second.chatAsync(ask("g")).block(Duration.ofSeconds(5));

        assertThat(hit.text()).isEqualTo("computed once");
        assertThat(hit.callInfo().cacheHit()).isTrue();
        assertThat(hit.callInfo().deployment()).isEqualTo("a");
        assertThat(two.provider.received).isEmpty();
    }
}
