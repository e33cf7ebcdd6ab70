package dev.llmux.gateway.limit;

import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Counters behind rate limits and budgets. In memory for one instance, in Redis when several instances must hold
 * one limit. Implementations grant all claims of a call atomically, or none.
 */
public interface LimitState extends AutoCloseable {

    /**
     * Takes every claim, or none.
     *
     * @param minute the current minute (epoch minutes), the window for rpm and tpm claims
     * @return empty when granted; otherwise the refusal (which claim, and for budgets the current spend)
     */
    Mono<Refusal> acquire(List<Claim> claims, long minute);

    /**
     * Gives back what {@link #acquire} took and records what the call really used: parallel slots are freed, token
     * reservations replaced by {@code actualTokens} in the window they were taken from, budget reservations
     * replaced by {@code actualNanos} of spend.
     */
    Mono<Void> settle(List<Claim> claims, long minute, long actualTokens, long actualNanos);

    /** The spend (USD × 10⁹) recorded for a budget period, or null when no instance has seen it yet. */
    Mono<Long> spent(String scope, String period);

    /** Cheap connectivity check for readiness. */
    Mono<Boolean> ping();

    @Override
    default void close() {}

    /** Why {@link #acquire} refused. */
    record Refusal(Claim claim, @Nullable Long spentNanos) {}
}
