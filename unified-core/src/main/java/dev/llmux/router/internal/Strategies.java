package dev.llmux.router.internal;

import dev.llmux.router.RouterState.DeploymentLoad;
import dev.llmux.router.RoutingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Orders the candidates of one order tier, best first. The router admits the first one whose rpm/tpm limits let
 * it in, so almost every call needs only the best: {@link #pick} finds it in one pass without sorting, and
 * {@link #rank} orders the others only when the best was refused. Ties are broken at random.
 */
final class Strategies {

    private Strategies() {}

    /** What {@code rank(strategy, tier, tier, ...).get(0)} would be, with the same odds, in one pass. */
    static DeploymentModel pick(RoutingStrategy strategy, List<DeploymentModel> tier, Map<String, DeploymentLoad> loads,
            LatencyStats latency, boolean stream, double latencyBuffer, RandomGenerator random) {
        if (tier.size() == 1) {
            return tier.get(0);
        }
        return switch (strategy) {
            case SIMPLE_SHUFFLE -> weightedPick(tier, share(tier), random);
            case LEAST_BUSY -> lowest(tier, m -> load(loads, m).inFlight(), random);
            case USAGE_BASED -> lowest(tier, m -> usage(loads, m), random);
            case COST_BASED -> lowest(tier, m -> m.unitPrice().doubleValue(), random);
            case LATENCY_BASED -> latencyPick(tier, latency, stream, latencyBuffer, random);
        };
    }

    /**
     * Orders {@code pool}, a subset of {@code tier}, as the strategy would order the whole tier (the tier sets the
     * weighted shuffle's share and the latency strategy's best average): after {@link #pick} chose from the tier,
     * the rest of the tier ranked here continues the same order.
     */
    static List<DeploymentModel> rank(RoutingStrategy strategy, List<DeploymentModel> tier, List<DeploymentModel> pool,
            Map<String, DeploymentLoad> loads, LatencyStats latency, boolean stream, double latencyBuffer, RandomGenerator random) {
        if (strategy == RoutingStrategy.SIMPLE_SHUFFLE) {
            return weightedOrder(pool, share(tier), random);
        }
        List<DeploymentModel> shuffled = new ArrayList<>(pool);
        // ties are broken at random: shuffle first, then sort stably
        shuffle(shuffled, random);
        return switch (strategy) {
            case LEAST_BUSY -> sorted(shuffled, m -> load(loads, m).inFlight());
            case USAGE_BASED -> sorted(shuffled, m -> usage(loads, m));
            case COST_BASED -> sorted(shuffled, m -> m.unitPrice().doubleValue());
            case LATENCY_BASED -> byLatency(tier, shuffled, latency, stream, latencyBuffer, random);
            case SIMPLE_SHUFFLE -> throw new AssertionError();
        };
    }

    private static <T> void shuffle(List<T> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    private static DeploymentLoad load(Map<String, DeploymentLoad> loads, DeploymentModel m) {
        return loads.getOrDefault(m.deployment().id(), DeploymentLoad.IDLE);
    }

    private static double usage(Map<String, DeploymentLoad> loads, DeploymentModel m) {
        DeploymentLoad l = load(loads, m);
        return l.tokens() * 1e6 + l.requests();
    }

    private static List<DeploymentModel> sorted(List<DeploymentModel> in, ToDoubleFunction<DeploymentModel> key) {
        in.sort(Comparator.comparingDouble(key));
        return in;
    }

    /** The candidate with the lowest key; among equal keys each is equally likely (one draw per tie seen). */
    private static DeploymentModel lowest(List<DeploymentModel> tier, ToDoubleFunction<DeploymentModel> key, RandomGenerator random) {
        DeploymentModel best = null;
        double bestKey = 0;
        int ties = 0;
        for (int i = 0; i < tier.size(); i++) {
            DeploymentModel m = tier.get(i);
            double k = key.applyAsDouble(m);
            int c = best == null ? -1 : Double.compare(k, bestKey);
            if (c < 0) {
                best = m;
                bestKey = k;
                ties = 1;
            } else if (c == 0 && random.nextInt(++ties) == 0) {
                best = m;
            }
        }
        return best;
    }

    /**
     * {@link #byLatency}'s first: a random untried deployment, else a random one within the buffer of the best. Each
     * average is read once: other calls update them meanwhile.
     */
    private static DeploymentModel latencyPick(List<DeploymentModel> tier, LatencyStats latency, boolean stream, double buffer,
            RandomGenerator random) {
        double[] avg = averages(tier, latency, stream);
        boolean untried = false;
        double best = Double.POSITIVE_INFINITY;
        for (double a : avg) {
            untried |= Double.isNaN(a);
            best = a < best ? a : best;
        }
        double limit = best * (1 + buffer);
        DeploymentModel chosen = null;
        int seen = 0;
        for (int i = 0; i < avg.length; i++) {
            boolean candidate = untried ? Double.isNaN(avg[i]) : avg[i] <= limit;
            if (candidate && random.nextInt(++seen) == 0) {
                chosen = tier.get(i);
            }
        }
        return chosen;
    }

    /** Each deployment's average latency in ms, read once, NaN when it has none yet. */
    private static double[] averages(List<DeploymentModel> in, LatencyStats latency, boolean stream) {
        double[] out = new double[in.size()];
        for (int i = 0; i < out.length; i++) {
            Double a = latency.average(in.get(i).deployment().id(), stream);
            out[i] = a == null ? Double.NaN : a;
        }
        return out;
    }

    /**
     * Untried deployments first (so each gets measured), then those within {@code buffer} of the tier's best average
     * in random order, then the rest by average.
     */
    private static List<DeploymentModel> byLatency(List<DeploymentModel> tier, List<DeploymentModel> shuffled, LatencyStats latency,
            boolean stream, double buffer, RandomGenerator random) {
        double[] avg = averages(shuffled, latency, stream);
        List<DeploymentModel> out = new ArrayList<>(shuffled.size());
        List<Integer> measured = new ArrayList<>();
        for (int i = 0; i < avg.length; i++) {
            if (Double.isNaN(avg[i])) {
                out.add(shuffled.get(i));
            } else {
                measured.add(i);
            }
        }
        // sorted on the snapshot, so a concurrent update cannot break the sort's contract
        measured.sort(Comparator.comparingDouble(i -> avg[i]));
        if (!measured.isEmpty()) {
            double best = Double.POSITIVE_INFINITY;
            for (double a : averages(tier, latency, stream)) {
                best = a < best ? a : best;
            }
            best = Math.min(best, avg[measured.get(0)]);
            List<DeploymentModel> near = new ArrayList<>();
            List<DeploymentModel> far = new ArrayList<>();
            for (int i : measured) {
                (avg[i] <= best * (1 + buffer) ? near : far).add(shuffled.get(i));
            }
            // near is sorted; re-shuffle it so load spreads over equally good deployments
            if (buffer > 0) {
                shuffle(near, random);
            }
            out.addAll(near);
            out.addAll(far);
        }
        return out;
    }

    /** The weighted shuffle's share: by weight when any deployment sets one, else by rpm, else by tpm, else uniform. */
    static ToDoubleFunction<DeploymentModel> share(List<DeploymentModel> tier) {
        boolean weight = false;
        boolean rpm = false;
        boolean tpm = false;
        for (DeploymentModel m : tier) {
            weight |= m.deployment().weight() > 0;
            rpm |= m.deployment().rpm() > 0;
            tpm |= m.deployment().tpm() > 0;
        }
        if (weight) {
            return m -> m.deployment().weight();
        }
        if (rpm) {
            return m -> m.deployment().rpm();
        }
        if (tpm) {
            return m -> m.deployment().tpm();
        }
        return m -> 1.0;
    }

    /** One weighted draw: the first of {@link #weightedOrder}, with the same odds. */
    private static DeploymentModel weightedPick(List<DeploymentModel> tier, ToDoubleFunction<DeploymentModel> share, RandomGenerator random) {
        double total = 0;
        for (DeploymentModel m : tier) {
            total += share.applyAsDouble(m);
        }
        if (total <= 0) {
            return tier.get(0);
        }
        double r = random.nextDouble() * total;
        for (DeploymentModel m : tier) {
            double s = share.applyAsDouble(m);
            r -= s;
            if (r < 0 && s > 0) {
                return m;
            }
        }
        // rounding left r at or just above 0: the last deployment with a share
        for (int i = tier.size() - 1; i >= 0; i--) {
            if (share.applyAsDouble(tier.get(i)) > 0) {
                return tier.get(i);
            }
        }
        return tier.get(0);
    }

    /**
     * Weighted sampling without replacement in O(n log n): each deployment with a positive share draws an
     * exponential time with rate = its share and the earliest goes first, which orders them exactly as repeated
     * weighted draws would. Deployments with a zero share come last, in their given order.
     */
    static List<DeploymentModel> weightedOrder(List<DeploymentModel> in, ToDoubleFunction<DeploymentModel> share, RandomGenerator random) {
        int n = in.size();
        double[] keys = new double[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            double s = share.applyAsDouble(in.get(i));
            // 1 - nextDouble() is in (0, 1], so the log is finite
            keys[i] = s > 0 ? -Math.log(1.0 - random.nextDouble()) / s : Double.POSITIVE_INFINITY;
            idx[i] = i;
        }
        // a stable sort keeps zero shares (all +inf) in their given order
        Arrays.sort(idx, Comparator.comparingDouble(i -> keys[i]));
        List<DeploymentModel> out = new ArrayList<>(n);
        for (Integer i : idx) {
            out.add(in.get(i));
        }
        return out;
    }
}
