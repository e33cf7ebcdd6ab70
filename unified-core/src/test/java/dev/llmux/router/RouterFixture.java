package dev.llmux.router;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.catalog.ModelCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A router test rig: virtual time for both the clock and the scheduler, a faulty provider, a small catalog. */
public final class RouterFixture implements AutoCloseable {

    public static final ModelCatalog CATALOG = ModelCatalog.load(new ByteArrayInputStream("""
            {"models": {
              "fake/small":  {"max_input_tokens": 100, "max_output_tokens": 50, "input_per_mtok": "1", "output_per_mtok": "2", "capabilities": ["tools"]},
              "fake/big":    {"max_input_tokens": 100000, "max_output_tokens": 1000, "input_per_mtok": "10", "output_per_mtok": "30", "capabilities": ["tools", "vision", "json_schema"]},
              "fake/cheap":  {"max_input_tokens": 100000, "max_output_tokens": 1000, "input_per_mtok": "0.1", "output_per_mtok": "0.2", "capabilities": ["tools", "vision", "json_schema"]},
              "fake/a":      {"max_input_tokens": 100000, "max_output_tokens": 1000, "input_per_mtok": "1", "output_per_mtok": "1"},
              "fake/b":      {"max_input_tokens": 100000, "max_output_tokens": 1000, "input_per_mtok": "1", "output_per_mtok": "1"},
              "fake/c":      {"max_input_tokens": 100000, "max_output_tokens": 1000, "input_per_mtok": "1", "output_per_mtok": "1"}
            }}
            """.getBytes(StandardCharsets.UTF_8)));

    public final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    public final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            // start at a fixed, minute-aligned epoch so per-minute windows are predictable
            return Instant.ofEpochMilli(1_800_000_000_000L - 1_800_000_000_000L % 60_000 + vts.now(TimeUnit.MILLISECONDS));
        }
    };
    public final FaultyProvider provider = new FaultyProvider(vts);
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final RouterListener recorder = new RouterListener() {
        @Override
        public void success(String group, String deployment, int attempts, java.time.Duration latency, java.math.BigDecimal cost) {
            events.add("success " + group + " " + deployment + " attempts=" + attempts);
        }

        @Override
        public void failure(String group, dev.llmux.error.LlmuxException error, int attempts) {
            events.add("failure " + group + " " + error.getClass().getSimpleName() + " attempts=" + attempts);
        }

        @Override
        public void retry(String group, String deployment, dev.llmux.error.LlmuxException error, int attempt, java.time.Duration delay) {
            events.add("retry " + deployment + " after " + error.status() + " in " + delay.toMillis() + "ms");
        }

        @Override
        public void fallback(String fromGroup, String toGroup, Fallbacks.Kind kind, dev.llmux.error.LlmuxException error) {
            events.add("fallback " + fromGroup + " -> " + toGroup + " " + kind);
        }

        @Override
        public void cooldownStarted(String group, String deployment, java.time.Duration duration, dev.llmux.error.LlmuxException cause) {
            events.add("cooldown start " + deployment);
        }

        @Override
        public void cooldownEnded(String group, String deployment) {
            events.add("cooldown end " + deployment);
        }

        @Override
        public void budgetThreshold(Budget budget, double threshold, java.math.BigDecimal spent) {
            events.add("budget " + budget.name() + " " + threshold);
        }

        @Override
        public void cacheHit(String group) {
            events.add("cache hit " + group);
        }
    };
    private Llmux llmux;

    /** A router builder on this rig's time, catalog, recorder (delivered synchronously) and a fixed seed. */
    public Router.Builder router() {
        return Router.builder().clock(clock).scheduler(vts).catalog(CATALOG).listener(recorder).listenerExecutor(Runnable::run)
                .random(new java.util.Random(42));
    }

    public Llmux llmux(Router router) {
        llmux = Llmux.builder().provider(provider).catalog(CATALOG).clock(clock).interceptor(router).build();
        return llmux;
    }

    public static ChatRequest ask(String model) {
        return ChatRequest.builder().model(model).messages(List.of(ChatMessage.user("hi"))).build();
    }

    public static Deployment dep(String group, String model, String id) {
        return Deployment.builder(group, model).id(id).build();
    }

    @Override
    public void close() {
        if (llmux != null) {
            llmux.close();
        }
        vts.dispose();
    }
}
