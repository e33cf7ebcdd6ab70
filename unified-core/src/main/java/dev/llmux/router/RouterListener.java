package dev.llmux.router;

import dev.llmux.api.ChatRequest;
import dev.llmux.error.LlmuxException;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Hears what the router does, for metrics, logs and alerts. Every method does nothing by default; override the
 * ones you need. New methods may be added in later versions, always with a no-op default.
 *
 * <p>Delivery: events are handed to the router's listener executor (a single daemon thread with a bounded queue by
 * default, see {@link Router.Builder#listenerExecutor}), so a slow listener never delays a call; when the queue is
 * full, events are dropped rather than blocking. Whatever a listener throws is caught and discarded (after one
 * {@code System.Logger} warning per listener class). Events of one call arrive in order when the executor is
 * single-threaded. Listeners must be thread-safe.
 */
public abstract class RouterListener {

    /** A call for {@code group} arrived (after the cache, before selection). */
    public void request(String group, ChatRequest request, boolean stream) {}

    /**
     * A call succeeded.
     *
     * @param deployment the deployment that answered
     * @param attempts provider calls it took, retries and fallbacks included
     * @param latency time from the call's start to the answer (to the first chunk for a stream)
     * @param cost the answer's USD cost, or null when unknown (for a stream: known only at its end)
     */
    public void success(String group, String deployment, int attempts, Duration latency, @Nullable BigDecimal cost) {}

    /** A call failed for good after {@code attempts} provider calls (0 when none was possible). */
    public void failure(String group, LlmuxException error, int attempts) {}

    /** A deployment failed and the router will try the group again after {@code delay}. */
    public void retry(String group, String deployment, LlmuxException error, int attempt, Duration delay) {}

    /** The router moved from {@code fromGroup} to {@code toGroup}. */
    public void fallback(String fromGroup, String toGroup, Fallbacks.Kind kind, @Nullable LlmuxException error) {}

    /** A deployment started resting for {@code duration} after {@code cause}. */
    public void cooldownStarted(String group, String deployment, Duration duration, LlmuxException cause) {}

    /** A deployment this instance saw cooling is back in rotation (noticed lazily, at the next selection). */
    public void cooldownEnded(String group, String deployment) {}

    /** A budget's spend crossed {@code threshold} (a share of its limit) in the current period. */
    public void budgetThreshold(Budget budget, double threshold, BigDecimal spent) {}

    /** An answer came from the response cache. */
    public void cacheHit(String group) {}
}
