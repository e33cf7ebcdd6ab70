package dev.llmux.gateway.limit;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Limit state for a single gateway instance. One lock guards every counter: each operation is a handful of map
 * look-ups, far cheaper than the request around it, and all-or-nothing grants stay trivially correct.
 */
public final class InMemoryLimitState implements LimitState {

    private final Map<String, long[]> counters = new HashMap<>();
    private long lastPurgedMinute;

    @Override
    public Mono<Refusal> acquire(List<Claim> claims, long minute) {
        return Mono.fromSupplier(() -> tryAcquire(claims, minute));
    }

    private synchronized Refusal tryAcquire(List<Claim> claims, long minute) {
        purge(minute);
        for (Claim c : claims) {
            Refusal r = check(c, minute);
            if (r != null) {
                return r;
            }
        }
        for (Claim c : claims) {
            take(c, minute);
        }
        return null;
    }

    private Refusal check(Claim c, long minute) {
        if (c instanceof Claim.Requests r) {
            return get("rpm:" + r.scope() + ":" + minute)[0] + 1 > r.perMinute() ? new Refusal(c, null) : null;
        }
        if (c instanceof Claim.Tokens t) {
            long used = get("tpm:" + t.scope() + ":" + minute)[0];
            return used >= t.perMinute() || used + t.reserve() > t.perMinute() ? new Refusal(c, null) : null;
        }
        if (c instanceof Claim.Parallel p) {
            return get("par:" + p.scope())[0] + 1 > p.max() ? new Refusal(c, null) : null;
        }
        Claim.Budget b = (Claim.Budget) c;
        long[] v = budget(b);
        return v[0] >= b.maxNanos() || v[0] + v[1] + b.reserveNanos() > b.maxNanos() ? new Refusal(c, v[0]) : null;
    }

    private void take(Claim c, long minute) {
        if (c instanceof Claim.Requests r) {
            get("rpm:" + r.scope() + ":" + minute)[0]++;
        } else if (c instanceof Claim.Tokens t) {
            get("tpm:" + t.scope() + ":" + minute)[0] += t.reserve();
        } else if (c instanceof Claim.Parallel p) {
            get("par:" + p.scope())[0]++;
        } else if (c instanceof Claim.Budget b) {
            budget(b)[1] += b.reserveNanos();
        }
    }

    @Override
    public Mono<Void> settle(List<Claim> claims, long minute, long actualTokens, long actualNanos) {
        return Mono.fromRunnable(() -> doSettle(claims, minute, actualTokens, actualNanos));
    }

    private synchronized void doSettle(List<Claim> claims, long minute, long actualTokens, long actualNanos) {
        for (Claim c : claims) {
            if (c instanceof Claim.Tokens t) {
                long[] v = counters.get("tpm:" + t.scope() + ":" + minute);
                if (v != null) {
                    v[0] = Math.max(0, v[0] + actualTokens - t.reserve());
                }
            } else if (c instanceof Claim.Parallel p) {
                long[] v = get("par:" + p.scope());
                v[0] = Math.max(0, v[0] - 1);
            } else if (c instanceof Claim.Budget b) {
                long[] v = budget(b);
                v[1] = Math.max(0, v[1] - b.reserveNanos());
                v[0] += actualNanos;
            }
        }
    }

    @Override
    public Mono<Long> spent(String scope, String period) {
        return Mono.fromSupplier(() -> spentNow(scope, period));
    }

    private synchronized Long spentNow(String scope, String period) {
        long[] v = counters.get("budget:" + scope + ":" + period);
        return v == null ? null : v[0];
    }

    @Override
    public Mono<Boolean> ping() {
        return Mono.just(true);
    }

    private long[] get(String key) {
        return counters.computeIfAbsent(key, k -> new long[1]);
    }

    /** [spent, reserved], seeded from the store the first time the period is seen. */
    private long[] budget(Claim.Budget b) {
        return counters.computeIfAbsent("budget:" + b.scope() + ":" + b.period(), k -> new long[] {b.storedSpentNanos(), 0});
    }

    /** Drops minute windows older than the previous minute, once per minute. */
    private void purge(long minute) {
        if (minute == lastPurgedMinute) {
            return;
        }
        lastPurgedMinute = minute;
        for (Iterator<Map.Entry<String, long[]>> it = counters.entrySet().iterator(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (k.startsWith("rpm:") || k.startsWith("tpm:")) {
                long m = Long.parseLong(k.substring(k.lastIndexOf(':') + 1));
                if (m < minute - 1) {
                    it.remove();
                }
            }
        }
    }
}
