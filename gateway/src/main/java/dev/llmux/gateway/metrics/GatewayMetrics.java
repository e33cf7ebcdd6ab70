package dev.llmux.gateway.metrics;

import dev.llmux.api.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's Prometheus metrics (served at {@code /metrics}): requests, latency, overhead, tokens, spend and
 * errors by type. Labels are bounded: {@code model} is a configured model name or {@code unknown}.
 */
public final class GatewayMetrics {

    private final MeterRegistry meters;
    private final AtomicInteger inFlight = new AtomicInteger();

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
        Counter.builder("llmux.gateway.requests").tag("endpoint", endpoint).tag("model", model)
                .tag("status", Integer.toString(status)).register(meters).increment();
        Timer.builder("llmux.gateway.request.latency").tag("endpoint", endpoint).tag("model", model)
                .register(meters).record(latency);
        if (overhead != null) {
            Timer.builder("llmux.gateway.overhead").description("time spent in the gateway outside the provider call")
                    .tag("endpoint", endpoint).register(meters).record(overhead);
        }
        if (errorType != null) {
            Counter.builder("llmux.gateway.errors").tag("endpoint", endpoint).tag("type", errorType).register(meters).increment();
        }
        if (usage != null) {
            tokens(model, "prompt", usage.promptTokens());
            tokens(model, "completion", usage.completionTokens());
            tokens(model, "cached", usage.cachedTokens());
        }
        if (cost != null && cost.signum() > 0) {
            Counter.builder("llmux.gateway.spend").baseUnit("usd").tag("model", model).register(meters)
                    .increment(cost.doubleValue());
        }
    }

    private void tokens(String model, String type, int n) {
        if (n > 0) {
            Counter.builder("llmux.gateway.tokens").tag("model", model).tag("type", type).register(meters).increment(n);
        }
    }
}
