package dev.llmux.router.internal;

import dev.llmux.catalog.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * What selection needs to know about a target's deployments that never changes, worked out once when the router
 * is built so a call's selection does not grow with the number of deployments: their ids, whether a request fits
 * every one of them (then pre-call checks remove none), and the weighted shuffle's cumulative shares over the
 * first order tier, for a single draw by binary search.
 */
final class TargetPlan {

    final List<String> ids;
    final Set<String> idSet;
    /** The deployments of the lowest order tier (order 0, unset, ranks after every set order). */
    final List<DeploymentModel> firstTier;
    private final int smallestWindow;
    private final Set<Capability> everyoneMayHave;
    private final double[] cumulative;
    /** The first tier's cheapest deployments (cost-based routing's first choice, ties drawn uniformly). */
    private final List<DeploymentModel> cheapest;

    private TargetPlan(List<DeploymentModel> deployments) {
        List<String> theIds = new ArrayList<>(deployments.size());
        int window = Integer.MAX_VALUE;
        int lowestTier = Integer.MAX_VALUE;
        for (DeploymentModel m : deployments) {
            theIds.add(m.deployment().id());
            if (m.maxInputTokens() != null) {
                window = Math.min(window, m.maxInputTokens());
            }
            lowestTier = Math.min(lowestTier, tier(m));
        }
        this.ids = List.copyOf(theIds);
        this.idSet = Set.copyOf(theIds);
        this.smallestWindow = window;
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            if (deployments.stream().allMatch(m -> m.mayHave(c))) {
                caps.add(c);
            }
        }
        this.everyoneMayHave = caps;
        List<DeploymentModel> first = new ArrayList<>();
        for (DeploymentModel m : deployments) {
            if (tier(m) == lowestTier) {
                first.add(m);
            }
        }
        this.firstTier = List.copyOf(first);
        ToDoubleFunction<DeploymentModel> share = Strategies.share(firstTier);
        this.cumulative = new double[firstTier.size()];
        double total = 0;
        for (int i = 0; i < firstTier.size(); i++) {
            total += share.applyAsDouble(firstTier.get(i));
            cumulative[i] = total;
        }
        double lowestPrice = Double.POSITIVE_INFINITY;
        for (DeploymentModel m : firstTier) {
            lowestPrice = Math.min(lowestPrice, m.unitPrice().doubleValue());
        }
        List<DeploymentModel> cheap = new ArrayList<>();
        for (DeploymentModel m : firstTier) {
            if (Double.compare(m.unitPrice().doubleValue(), lowestPrice) == 0) {
                cheap.add(m);
            }
        }
        this.cheapest = List.copyOf(cheap);
    }

    static TargetPlan of(List<DeploymentModel> deployments) {
        return new TargetPlan(deployments);
    }

    /** A deployment's tier key: its order, with unset (0) after every set order. */
    static int tier(DeploymentModel m) {
        int order = m.deployment().order();
        return order == 0 ? Integer.MAX_VALUE : order;
    }

    /** True when every deployment can hold the request and may have every capability it needs. */
    boolean fitsAll(RequestNeeds needs) {
        return needs.promptTokens() <= smallestWindow && everyoneMayHave.containsAll(needs.capabilities());
    }

    /**
     * The strategy's first choice when it needs no state to make it, else null: the weighted shuffle's draw, or a
     * random one of the cheapest. When that deployment can take the call, it is the one a full ranking of the
     * usable deployments would put first, with the same odds (the usable deployments' weighted order is the whole
     * weighted order without the others; the cheapest usable ones are the cheapest ones that are usable).
     */
    @org.jspecify.annotations.Nullable DeploymentModel firstChoice(dev.llmux.router.RoutingStrategy strategy, RandomGenerator random) {
        return switch (strategy) {
            case SIMPLE_SHUFFLE -> draw(random);
            case COST_BASED -> cheapest.size() == 1 ? cheapest.get(0) : cheapest.get(random.nextInt(cheapest.size()));
            // least-busy and usage-based rank by the state's loads; latency-based by an average whose best may be a
            // deployment that cannot take the call, which changes who counts as near it
            case LEAST_BUSY, USAGE_BASED, LATENCY_BASED -> null;
        };
    }

    /**
     * One weighted draw over the first tier, with the odds the weighted shuffle gives its first place: a binary
     * search of the cumulative shares.
     */
    DeploymentModel draw(RandomGenerator random) {
        int n = cumulative.length;
        double total = cumulative[n - 1];
        if (n == 1 || total <= 0) {
            return firstTier.get(0);
        }
        double r = random.nextDouble() * total;
        int lo = 0;
        int hi = n - 1;
        // the first index whose cumulative share passes r (a zero share adds nothing, so it is never that index)
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (!(cumulative[lo] > r)) {
            // rounding: r reached the total; take the last deployment with a share
            while (lo > 0 && cumulative[lo - 1] == total) {
                lo--;
            }
        }
        return firstTier.get(lo);
    }
}
