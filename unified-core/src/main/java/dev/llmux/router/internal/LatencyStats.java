package dev.llmux.router.internal;

import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Exponentially weighted moving averages of latency per deployment, in milliseconds: one series for whole answers,
 * one for streams' time to first token (a stream's total length says more about the answer than the deployment).
 * Kept per process: latency is a local observation and sharing it buys little. Not final only so tests can make
 * averages change between two reads, as concurrent calls do.
 */
class LatencyStats {

    private final double alpha;
    private final ConcurrentHashMap<String, Double> answers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Double> firstTokens = new ConcurrentHashMap<>();

    private final java.util.function.BiFunction<Double, Double, Double> blend;

    LatencyStats(double alpha) {
        this.alpha = alpha;
        this.blend = (old, sample) -> old + this.alpha * (sample - old);
    }

    void record(String deployment, boolean stream, long millis) {
        (stream ? firstTokens : answers).merge(deployment, (double) millis, blend);
    }

    @Nullable Double average(String deployment, boolean stream) {
        return (stream ? firstTokens : answers).get(deployment);
    }
}
