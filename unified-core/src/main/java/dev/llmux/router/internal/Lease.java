package dev.llmux.router.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted attempt on one deployment: what {@link dev.llmux.router.RouterState#acquire} counted and what
 * budgets reserved, to be undone exactly once whether the attempt succeeds, fails or is cancelled.
 */
final class Lease {

    final String group;
    final DeploymentModel model;
    final long estimatedTokens;
    final List<BudgetGuard.Reservation> reservations;
    final Instant startedAt;
    private final AtomicBoolean closed = new AtomicBoolean();

    Lease(String group, DeploymentModel model, long estimatedTokens, List<BudgetGuard.Reservation> reservations, Instant startedAt) {
        this.group = group;
        this.model = model;
        this.estimatedTokens = estimatedTokens;
        this.reservations = reservations;
        this.startedAt = startedAt;
    }

    String id() {
        return model.deployment().id();
    }

    /** True the first time only: whoever closes the lease settles it. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }
}
