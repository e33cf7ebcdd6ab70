package dev.llmux.router.internal;

import dev.llmux.router.Deployment;
import dev.llmux.router.RouterState.DeploymentLoad;
import dev.llmux.router.RoutingStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Ranks the candidates of one order tier, best first. The router admits the first one whose rpm/tpm limits let
 * it in, so a rank rather than a single pick keeps a racing limit from failing the call.
 */
final class Strategies {

    private Strategies() {}

    static List<Deployment> rank(RoutingStrategy strategy, List<DeploymentModel> candidates, Map<String, DeploymentLoad> loads,
            LatencyStats latency, boolean stream, double latencyBuffer, RandomGenerator random) {
        List<DeploymentModel> shuffled = new ArrayList<>(candidates);
        // ties are broken at random: shuffle first, then sort stably
        shuffle(shuffled, random);
        List<DeploymentModel> ranked = switch (strategy) {
            case SIMPLE_SHUFFLE -> weightedOrder(candidates, random);
            case LEAST_BUSY -> sorted(shuffled, m -> load(loads, m).inFlight());
            case USAGE_BASED -> sorted(shuffled, m -> load(loads, m).tokens() * 1e6 + load(loads, m).requests());
            case COST_BASED -> sorted(shuffled, m -> m.unitPrice().doubleValue());
            case LATENCY_BASED -> byLatency(shuffled, latency, stream, latencyBuffer, random);
        };
        return ranked.stream().map(DeploymentModel::deployment).toList();
    }

    private static <T> void shuffle(List<T> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    private static DeploymentLoad load(Map<String, DeploymentLoad> loads, DeploymentModel m) {
        return loads.getOrDefault(m.deployment().id(), DeploymentLoad.IDLE);
    }

    private static List<DeploymentModel> sorted(List<DeploymentModel> in, ToDoubleFunction<DeploymentModel> key) {
        List<DeploymentModel> out = new ArrayList<>(in);
        out.sort(Comparator.comparingDouble(key));
        return out;
    }

    /**
     * Untried deployments first (so each gets measured), then those within {@code buffer} of the best average in
     * random order, then the rest by average.
     */
    private static List<DeploymentModel> byLatency(List<DeploymentModel> shuffled, LatencyStats latency, boolean stream, double buffer,
            RandomGenerator random) {
        List<DeploymentModel> untried = new ArrayList<>();
        List<DeploymentModel> measured = new ArrayList<>();
        for (DeploymentModel m : shuffled) {
            (latency.average(m.deployment().id(), stream) == null ? untried : measured).add(m);
        }
        measured.sort(Comparator.comparingDouble(m -> latency.average(m.deployment().id(), stream)));
        List<DeploymentModel> out = new ArrayList<>(untried);
        if (!measured.isEmpty()) {
            double best = latency.average(measured.get(0).deployment().id(), stream);
            List<DeploymentModel> near = new ArrayList<>();
            List<DeploymentModel> far = new ArrayList<>();
            for (DeploymentModel m : measured) {
                (latency.average(m.deployment().id(), stream) <= best * (1 + buffer) ? near : far).add(m);
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

    /**
     * Weighted sampling without replacement: by weight when any deployment sets one, else by rpm, else by tpm, else
     * uniform. Deployments with a zero share come last.
     */
    private static List<DeploymentModel> weightedOrder(List<DeploymentModel> in, RandomGenerator random) {
        ToDoubleFunction<DeploymentModel> share;
        if (in.stream().anyMatch(m -> m.deployment().weight() > 0)) {
            share = m -> m.deployment().weight();
        } else if (in.stream().anyMatch(m -> m.deployment().rpm() > 0)) {
            share = m -> m.deployment().rpm();
        } else if (in.stream().anyMatch(m -> m.deployment().tpm() > 0)) {
            share = m -> m.deployment().tpm();
        } else {
            share = m -> 1.0;
        }
        List<DeploymentModel> pool = new ArrayList<>(in);
        List<DeploymentModel> out = new ArrayList<>(in.size());
        while (!pool.isEmpty()) {
            double total = 0;
            for (DeploymentModel m : pool) {
                total += share.applyAsDouble(m);
            }
            if (total <= 0) {
                out.addAll(pool);
                break;
            }
            double r = random.nextDouble() * total;
            int pick = pool.size() - 1;
            for (int i = 0; i < pool.size(); i++) {
                r -= share.applyAsDouble(pool.get(i));
                if (r < 0) {
                    pick = i;
                    break;
                }
            }
            out.add(pool.remove(pick));
        }
        return out;
    }
}
