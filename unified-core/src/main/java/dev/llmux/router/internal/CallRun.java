package dev.llmux.router.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One routed call across all its retries and fallbacks. */
final class CallRun {

    final String requestedGroup;
    final Instant start;
    final @Nullable Duration deadline;
    final @Nullable Instant deadlineAt;
    final boolean stream;
    final RequestNeeds needs;
    final Map<String, String> tags;
    final AtomicInteger attempts = new AtomicInteger();
    /** Set once a stream chunk reached the caller: from then on, no retry and no fallback. */
    final AtomicBoolean delivered = new AtomicBoolean();
    final AtomicInteger fallbacks = new AtomicInteger();
    /** The groups (or pinned deployments) this call routed to; a handful at most, so a copied list. */
    private volatile List<String> triedGroups = List.of();

    CallRun(String requestedGroup, Instant start, @Nullable Duration deadline, boolean stream, RequestNeeds needs, Map<String, String> tags) {
        this.requestedGroup = requestedGroup;
        this.start = start;
        this.deadline = deadline;
        this.deadlineAt = deadline == null ? null : start.plus(deadline);
        this.stream = stream;
        this.needs = needs;
        this.tags = tags;
    }

    synchronized void addTried(String group) {
        if (triedGroups.isEmpty()) {
            triedGroups = List.of(group);
        } else if (!triedGroups.contains(group)) {
            List<String> more = new ArrayList<>(triedGroups.size() + 1);
            more.addAll(triedGroups);
            more.add(group);
            triedGroups = more;
        }
    }

    boolean tried(String group) {
        return triedGroups.contains(group);
    }

    /** Time left before the deadline (never negative), or null without a deadline. */
    @Nullable Duration remaining(Instant now) {
        if (deadlineAt == null) {
            return null;
        }
        Duration left = Duration.between(now, deadlineAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
