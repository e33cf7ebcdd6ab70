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
    private final ConcurrentMap<ModelKey, ModelMeters> byModel = new ConcurrentHashMap<>();

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
        ModelMeters m = byModel.computeIfAbsent(new ModelKey(endpoint, model), ModelMeters::new);
        m.requests(status).increment();
        m.latency().record(latency);
        if (overhead != null) {
            m.overhead().record(overhead);
        }
        if (errorType != null) {
            errors.computeIfAbsent(new ModelKey(endpoint, errorType), k -> Counter.builder("llmux.gateway.errors")
                    .tag("endpoint", k.a()).tag("type", k.b()).register(meters)).increment();
        }
        if (usage != null) {
            if (usage.promptTokens() > 0) {
                m.prompt().increment(usage.promptTokens());
            }
            if (usage.completionTokens() > 0) {
                m.completion().increment(usage.completionTokens());
            }
            if (usage.cachedTokens() > 0) {
                m.cached().increment(usage.cachedTokens());
            }
        }
        if (cost != null && cost.signum() > 0) {
            m.spend().increment(cost.doubleValue());
        }
    }

    private Counter tokens(String model, String type) {
        return tokens.computeIfAbsent(new ModelKey(model, type), k -> Counter.builder("llmux.gateway.tokens")
                .tag("model", k.a()).tag("type", k.b()).register(meters));
    }

    /**
     * The meters one (endpoint, model) pair touches, each found on its first use and then kept: a request costs one
     * map look-up instead of one per meter. Meters are still registered through the per-label-set caches above (so
     * pairs sharing a label set share the meter) and only when first needed (so no series appears before it has a
     * value). Races only make two threads look the same meter up; the fields are volatile so a meter is seen whole.
     */
    private final class ModelMeters {
        private final String endpoint;
        private final String model;
        private volatile @Nullable Counter ok;
        private volatile @Nullable Timer latency;
        private volatile @Nullable Timer overhead;
        private volatile @Nullable Counter prompt;
        private volatile @Nullable Counter completion;
        private volatile @Nullable Counter cached;
        private volatile @Nullable Counter spent;

        ModelMeters(ModelKey key) {
            this.endpoint = key.a();
            this.model = key.b();
        }

        Counter requests(int status) {
            if (status != 200) {
                return request(status);
            }
            Counter c = ok;
            return c != null ? c : (ok = request(200));
        }

        private Counter request(int status) {
            return requests.computeIfAbsent(new RequestKey(endpoint, model, status), k -> Counter.builder("llmux.gateway.requests")
                    .tag("endpoint", k.endpoint()).tag("model", k.model()).tag("status", Integer.toString(k.status()))
                    .register(meters));
        }

        Timer latency() {
            Timer t = latency;
            return t != null ? t : (latency = latencies.computeIfAbsent(new ModelKey(endpoint, model),
                    k -> Timer.builder("llmux.gateway.request.latency").tag("endpoint", k.a()).tag("model", k.b()).register(meters)));
        }

        Timer overhead() {
            Timer t = overhead;
            return t != null ? t : (overhead = overheads.computeIfAbsent(endpoint, e -> Timer.builder("llmux.gateway.overhead")
                    .description("time spent in the gateway outside the provider call")
                    .tag("endpoint", e).register(meters)));
        }

        Counter prompt() {
            Counter c = prompt;
            return c != null ? c : (prompt = tokens(model, "prompt"));
        }

        Counter completion() {
            Counter c = completion;
            return c != null ? c : (completion = tokens(model, "completion"));
        }

        Counter cached() {
            Counter c = cached;
            return c != null ? c : (cached = tokens(model, "cached"));
        }

        Counter spend() {
            Counter c = spent;
            return c != null ? c : (spent = spend.computeIfAbsent(model, m -> Counter.builder("llmux.gateway.spend")
                    .baseUnit("usd").tag("model", m).register(meters)));
        }
    }
}
