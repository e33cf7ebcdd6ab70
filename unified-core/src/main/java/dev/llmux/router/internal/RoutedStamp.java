package dev.llmux.router.internal;

import dev.llmux.api.CallInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt of a routed stream puts on each chunk's {@link CallInfo}: the deployment, the model group, the
 * attempt number, the latency since the routed call began and the time to its first chunk, in one copy of the
 * chunk's info where the router made three. The copy is skipped, and the previous chunk's info shared (it is
 * immutable), when neither the chunk's own info nor the latency changed; with the system clock's microseconds the
 * latency usually has, so that is the rarer case.
 *
 * <p>One per attempt, used from one stream's signals, which Reactive Streams delivers one at a time. The first chunk
 * must be recorded ({@link #firstChunk}) before it is stamped: the kept info does not look at the time to the first
 * chunk again.
 */
final class RoutedStamp {

    private final String deployment;
    private final String modelGroup;
    private final int attempt;
    private final Instant start;
    private @Nullable Duration timeToFirstToken;
    private @Nullable CallInfo lastIn;
    private @Nullable Duration lastLatency;
    private @Nullable CallInfo lastOut;

    RoutedStamp(String deployment, String modelGroup, int attempt, Instant start) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.modelGroup = Objects.requireNonNull(modelGroup, "modelGroup");
        this.attempt = attempt;
        this.start = Objects.requireNonNull(start, "start");
    }

    /** Records the first chunk's arrival, once; later calls change nothing. */
    void firstChunk(Instant now) {
        if (timeToFirstToken == null) {
            timeToFirstToken = Duration.between(start, now);
        }
    }

    /** The time to the first chunk, or null before it. */
    @Nullable Duration timeToFirstToken() {
        return timeToFirstToken;
    }

    /** {@code in} with this attempt's routing, its latency at {@code now} and the time to the first chunk. */
    CallInfo stamp(CallInfo in, Instant now) {
        Duration latency = Duration.between(start, now);
        CallInfo out = lastOut;
        if (out == null || in != lastIn || !latency.equals(lastLatency)) {
            out = new CallInfo(in.provider(), in.model(), deployment, modelGroup, attempt, latency, timeToFirstToken,
                    in.cost(), in.cacheHit());
            lastIn = in;
            lastLatency = latency;
            lastOut = out;
        }
        return out;
    }
}
