package dev.llmux.router.internal;

import dev.llmux.catalog.Capability;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RateLimitException;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RouterState;
import dev.llmux.router.RouterState.DeploymentLoad;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Picks and admits one deployment of a target: pre-call checks, cooldowns, rpm/tpm headroom, {@code order} tiers,
 * then the strategy's choice; the first candidate the state admits wins. The weighted shuffle and cost-based
 * routing choose one deployment without reading any state and load only its state; only when that one cannot take
 * the call (cooling, at its limits, refused) does the selection load every deployment and rank the others.
 */
final class Selector {

    static final String NO_DEPLOYMENTS = "no_deployments_available";
    static final String LIMITS_REACHED = "deployment_limits_reached";

    /** A group (or one pinned deployment) to route to, with what selection precomputes about it. */
    record Target(String group, List<DeploymentModel> deployments, boolean pinned, TargetPlan plan) {
        static Target of(String group, List<DeploymentModel> deployments, boolean pinned) {
            return new Target(group, List.copyOf(deployments), pinned, TargetPlan.of(deployments));
        }
    }

    private final RouterSettings settings;
    private final RouterState state;
    private final BudgetGuard budgets;
    private final LatencyStats latency;
    private final GuardedListener listener;
    private final Clock clock;
    private final RandomGenerator random;
    /** Deployments this instance saw cooling, to announce the end of their cooldown. */
    private final Set<String> knownCooling = ConcurrentHashMap.newKeySet();

    Selector(RouterSettings settings, RouterState state, BudgetGuard budgets, LatencyStats latency, GuardedListener listener,
            Clock clock, RandomGenerator random) {
        this.settings = settings;
        this.state = state;
        this.budgets = budgets;
        this.latency = latency;
        this.listener = listener;
        this.clock = clock;
        this.random = random;
    }

    void noteCooling(String deploymentId) {
        knownCooling.add(deploymentId);
    }

    static boolean isCapacityError(Throwable e) {
        return e instanceof RateLimitException r && (NO_DEPLOYMENTS.equals(r.details().errorCode()) || LIMITS_REACHED.equals(r.details().errorCode()));
    }

    /** Admits one deployment of {@code target}, preferring those not in {@code excluded} (this call's failed ones). */
    Mono<Lease> select(Target target, CallRun run, Set<String> excluded) {
        return Mono.defer(() -> {
            boolean checks = settings.preCallChecks() && !target.pinned() && !target.plan().fitsAll(run.needs);
            List<DeploymentModel> eligible = checks ? preCallChecks(target, run.needs) : target.deployments();
            Instant now = clock.instant();
            long estimate = Math.max(1, run.needs.promptTokens());
            if (!checks && excluded.isEmpty() && !coolingKnownIn(target)) {
                DeploymentModel first = target.plan().firstChoice(settings.strategy(), random);
                if (first != null) {
                    return tryFirst(target, run, first, estimate, now);
                }
            }
            return selectAmong(target, run, excluded, eligible, estimate, now);
        });
    }

    /**
     * Tries the strategy's first choice, made without reading any state (see {@link TargetPlan#firstChoice}), loading
     * only that deployment's load; when it cannot take the call, the full selection over every deployment decides.
     */
    private Mono<Lease> tryFirst(Target target, CallRun run, DeploymentModel first, long estimate, Instant now) {
        String id = first.deployment().id();
        return state.load(List.of(id), now).flatMap(loads -> {
            DeploymentLoad load = loads.getOrDefault(id, DeploymentLoad.IDLE);
            if (!healthy(target, load, now) || !hasHeadroom(first, load, estimate)) {
                return selectAmong(target, run, Set.of(), target.deployments(), estimate, now);
            }
            return admit(target, run, first, estimate, now,
                    () -> selectAmong(target, run, Set.of(), target.deployments(), estimate, now));
        });
    }

    private boolean healthy(Target target, DeploymentLoad load, Instant now) {
        return target.pinned() || !settings.cooldown().enabled() || !load.isCooling(now);
    }

    /** True when a deployment of {@code target} was seen cooling and the end of its cooldown is still to announce. */
    private boolean coolingKnownIn(Target target) {
        if (knownCooling.isEmpty()) {
            return false;
        }
        for (String id : knownCooling) {
            if (target.plan().idSet.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private Mono<Lease> selectAmong(Target target, CallRun run, Set<String> excluded, List<DeploymentModel> eligible, long estimate,
            Instant now) {
        List<String> ids = eligible == target.deployments() ? target.plan().ids : eligible.stream().map(m -> m.deployment().id()).toList();
        return state.load(ids, now).flatMap(loads -> choose(target, run, excluded, eligible, loads, estimate, now));
    }

    private Mono<Lease> choose(Target target, CallRun run, Set<String> excluded, List<DeploymentModel> eligible,
            Map<String, DeploymentLoad> loads, long estimate, Instant now) {
        announceCooldownEnds(target, loads, now);
        List<DeploymentModel> healthy = new ArrayList<>(eligible.size());
        boolean anyFresh = false;
        for (DeploymentModel m : eligible) {
            if (healthy(target, loads.getOrDefault(m.deployment().id(), DeploymentLoad.IDLE), now)) {
                healthy.add(m);
                anyFresh |= !excluded.contains(m.deployment().id());
            }
        }
        if (healthy.isEmpty()) {
            return Mono.error(allCooling(target, eligible, loads, now));
        }
        // prefer deployments this call has not tried yet; when it tried them all, any healthy one will do
        boolean skipExcluded = anyFresh && !excluded.isEmpty();
        List<DeploymentModel> open = new ArrayList<>(healthy.size());
        int lowest = Integer.MAX_VALUE;
        boolean oneTier = true;
        for (DeploymentModel m : healthy) {
            if ((skipExcluded && excluded.contains(m.deployment().id())) || !hasHeadroom(m, loads, estimate)) {
                continue;
            }
            int t = TargetPlan.tier(m);
            oneTier &= open.isEmpty() || t == lowest;
            lowest = Math.min(lowest, t);
            open.add(m);
        }
        if (open.isEmpty()) {
            return Mono.error(limitsReached(target, now));
        }
        // lowest order first; a deployment without an order (0) comes after every ordered one
        List<List<DeploymentModel>> tiers = oneTier ? List.of(open)
                : List.copyOf(open.stream().collect(Collectors.groupingBy(TargetPlan::tier, TreeMap::new, Collectors.toList())).values());
        return admitTiers(target, run, tiers, 0, loads, estimate, now);
    }

    /** The strategy's best of each tier first; the rest of a tier is ranked only when its best was refused. */
    private Mono<Lease> admitTiers(Target target, CallRun run, List<List<DeploymentModel>> tiers, int t, Map<String, DeploymentLoad> loads,
            long estimate, Instant now) {
        if (t == tiers.size()) {
            return Mono.error(limitsReached(target, now));
        }
        List<DeploymentModel> tier = tiers.get(t);
        DeploymentModel best = Strategies.pick(settings.strategy(), tier, loads, latency, run.stream, settings.latencyBuffer(), random);
        return admit(target, run, best, estimate, now, () -> {
            List<DeploymentModel> rest = new ArrayList<>(tier.size() - 1);
            for (DeploymentModel m : tier) {
                if (m != best) {
                    rest.add(m);
                }
            }
            List<DeploymentModel> order = Strategies.rank(settings.strategy(), tier, rest, loads, latency, run.stream,
                    settings.latencyBuffer(), random);
            return admitInOrder(target, run, order, 0, estimate, now, () -> admitTiers(target, run, tiers, t + 1, loads, estimate, now));
        });
    }

    private Mono<Lease> admitInOrder(Target target, CallRun run, List<DeploymentModel> order, int i, long estimate, Instant now,
            Supplier<Mono<Lease>> exhausted) {
        if (i == order.size()) {
            return exhausted.get();
        }
        return admit(target, run, order.get(i), estimate, now, () -> admitInOrder(target, run, order, i + 1, estimate, now, exhausted));
    }

    /** Asks the state to admit {@code m}, then reserves budgets; {@code refused} decides what happens at its limits. */
    private Mono<Lease> admit(Target target, CallRun run, DeploymentModel m, long estimate, Instant now, Supplier<Mono<Lease>> refused) {
        var d = m.deployment();
        return state.acquire(d.id(), now, d.rpm(), d.tpm(), estimate).flatMap(ok -> {
            if (!ok) {
                return refused.get();
            }
            if (budgets.isEmpty()) {
                return Mono.just(new Lease(target.group(), m, estimate, List.of(), now));
            }
            return budgets.reserve(target.group(), m, run.needs, run.tags, now)
                    .map(res -> new Lease(target.group(), m, estimate, res, now))
                    .onErrorResume(e -> state.release(d.id(), now, -estimate).onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
        });
    }

    private static boolean hasHeadroom(DeploymentModel m, Map<String, DeploymentLoad> loads, long estimate) {
        return hasHeadroom(m, loads.getOrDefault(m.deployment().id(), DeploymentLoad.IDLE), estimate);
    }

    private static boolean hasHeadroom(DeploymentModel m, DeploymentLoad load, long estimate) {
        var d = m.deployment();
        return (d.rpm() == 0 || load.requests() < d.rpm()) && (d.tpm() == 0 || load.tokens() + estimate <= d.tpm());
    }

    private void announceCooldownEnds(Target target, Map<String, DeploymentLoad> loads, Instant now) {
        if (knownCooling.isEmpty()) {
            return;
        }
        for (DeploymentModel m : target.deployments()) {
            String id = m.deployment().id();
            DeploymentLoad load = loads.get(id);
            if ((load == null || !load.isCooling(now)) && knownCooling.remove(id)) {
                listener.cooldownEnded(m.deployment().group(), id);
            }
        }
    }

    private List<DeploymentModel> preCallChecks(Target target, RequestNeeds needs) {
        List<DeploymentModel> fits = target.deployments().stream()
                .filter(m -> m.maxInputTokens() == null || needs.promptTokens() <= m.maxInputTokens())
                .toList();
        if (fits.isEmpty()) {
            int largest = target.deployments().stream().mapToInt(m -> m.maxInputTokens() == null ? 0 : m.maxInputTokens()).max().orElse(0);
            throw new ContextWindowExceededException("no deployment of group " + target.group() + " can hold this request: about "
                    + needs.promptTokens() + " prompt tokens, the largest context window is " + largest,
                    ErrorDetails.of("llmux", target.group(), 400).withType("invalid_request_error", "context_length_exceeded", "messages"));
        }
        for (Capability c : needs.capabilities()) {
            List<DeploymentModel> capable = fits.stream().filter(m -> m.mayHave(c)).toList();
            if (capable.isEmpty()) {
                String param = c == Capability.TOOLS ? "tools" : c == Capability.JSON_SCHEMA ? "response_format" : "messages";
                throw new BadRequestException("no deployment of group " + target.group() + " supports "
                        + c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", which this request needs",
                        ErrorDetails.of("llmux", target.group(), 400).withType("invalid_request_error", "unsupported_capability", param));
            }
            fits = capable;
        }
        return fits;
    }

    private LlmuxException allCooling(Target target, List<DeploymentModel> eligible, Map<String, DeploymentLoad> loads, Instant now) {
        Instant soonest = eligible.stream()
                .map(m -> loads.getOrDefault(m.deployment().id(), DeploymentLoad.IDLE).coolingUntil())
                .filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(now);
        Duration wait = Duration.between(now, soonest);
        String ids = eligible.stream().map(m -> m.deployment().id()).collect(Collectors.joining(", "));
        return new RateLimitException("no deployments available for group " + target.group() + ": all " + eligible.size()
                + " are cooling down after failures [" + ids + "]; try again in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s",
                ErrorDetails.of("llmux", target.group(), 429).withType("rate_limit_error", NO_DEPLOYMENTS, null).withRetryAfter(wait),
                false);
    }

    private LlmuxException limitsReached(Target target, Instant now) {
        long ms = 60_000 - Math.floorMod(now.toEpochMilli(), 60_000L);
        return new RateLimitException("every deployment of group " + target.group()
                + " is at its rpm/tpm limit for this minute; try again in " + ((ms + 999) / 1000) + " s",
                ErrorDetails.of("llmux", target.group(), 429).withType("rate_limit_error", LIMITS_REACHED, null)
                        .withRetryAfter(Duration.ofMillis(ms)), false);
    }
}
