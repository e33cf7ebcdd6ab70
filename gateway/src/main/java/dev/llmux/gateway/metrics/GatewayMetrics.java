package dev.llmux.gateway.metrics;

import dev.llmux.api.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's Prometheus metrics (served at {@code /metrics}): requests, latency, overhead, tokens, spend and
 * errors by type. Labels are bounded: {@code model} is a configured model name or {@code unknown}.
 *
 * <p>Meters are looked up once per label set and kept: building a {@code Meter.Id} and registering it on every
 * request (tag sorting, id hashing, the registry's lookup) was a measurable share of the per-request CPU. The
 * caches stay small because the labels are bounded.
 */
public final class GatewayMetrics {

    private final MeterRegistry meters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentMap<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<ModelKey, Timer> latencies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> overheads = new ConcurrentHashMap<>();
    private final ConcurrentMap<ModelKey, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<ModelKey, Counter> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> spend = new ConcurrentHashMap<>();

    private record RequestKey(String endpoint, String model, int status) {}

    /** Two labels: (endpoint, model), (endpoint, error type) or (model, token type). */
    private record ModelKey(String a, String b) {}

    public GatewayMetrics(MeterRegistry meters) {
        this.meters = meters;
        meters.gauge("llmux.gateway.requests.in.flight", inFlight);
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    /**
     * @param endpoint {@code chat}, {@code embeddings}, {@code messages}
     * @param errorType the OpenAI error type of a failure, or null
     */
    public void finished(String endpoint, String model, int status, @Nullable String errorType, Duration latency,
            @Nullable Duration overhead, @Nullable Usage usage, @Nullable BigDecimal cost) {
        inFlight.decrementAndGet();
        requests.computeIfAbsent(new RequestKey(endpoint, model, status), k -> Counter.builder("llmux.gateway.requests")
                .tag("endpoint", k.endpoint()).tag("model", k.model()).tag("status", Integer.toString(k.status()))
                .register(meters)).increment();
        latencies.computeIfAbsent(new ModelKey(endpoint, model), k -> Timer.builder("llmux.gateway.request.latency")
                .tag("endpoint", k.a()).tag("model", k.b()).register(meters)).record(latency);
        if (overhead != null) {
            overheads.computeIfAbsent(endpoint, e -> Timer.builder("llmux.gateway.overhead")
                    .description("time spent in the gateway outside the provider call")
                    .tag("endpoint", e).register(meters)).record(overhead);
        }
        if (errorType != null) {
            errors.computeIfAbsent(new ModelKey(endpoint, errorType), k -> Counter.builder("llmux.gateway.errors")
                    .tag("endpoint", k.a()).tag("type", k.b()).register(meters)).increment();
        }
        if (usage != null) {
            tokens(model, "prompt", usage.promptTokens());
            tokens(model, "completion", usage.completionTokens());
            tokens(model, "cached", usage.cachedTokens());
        }
        if (cost != null && cost.signum() > 0) {
            spend.computeIfAbsent(model, m -> Counter.builder("llmux.gateway.spend").baseUnit("usd").tag("model", m)
                    .register(meters)).increment(cost.doubleValue());
        }
    }

    private void tokens(String model, String type, int n) {
        if (n > 0) {
            tokens.computeIfAbsent(new ModelKey(model, type), k -> Counter.builder("llmux.gateway.tokens")
                    .tag("model", k.a()).tag("type", k.b()).register(meters)).increment(n);
        }
    }
}
