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
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Picks and admits one deployment of a target: pre-call checks, cooldowns, rpm/tpm headroom, {@code order} tiers,
 * then the strategy's ranking; the first ranked deployment the state admits wins.
 */
final class Selector {

    static final String NO_DEPLOYMENTS = "no_deployments_available";
    static final String LIMITS_REACHED = "deployment_limits_reached";

    /** A group (or one pinned deployment) to route to. */
    record Target(String group, List<DeploymentModel> deployments, boolean pinned) {}

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
            List<DeploymentModel> eligible = settings.preCallChecks() && !target.pinned()
                    ? preCallChecks(target, run.needs)
                    : target.deployments();
            Instant now = clock.instant();
            List<String> ids = eligible.stream().map(m -> m.deployment().id()).toList();
            return state.load(ids, now).flatMap(loads -> choose(target, run, excluded, eligible, loads, now));
        });
    }

    private Mono<Lease> choose(Target target, CallRun run, Set<String> excluded, List<DeploymentModel> eligible,
            Map<String, DeploymentLoad> loads, Instant now) {
        announceCooldownEnds(target, loads, now);
        List<DeploymentModel> healthy = new ArrayList<>();
        for (DeploymentModel m : eligible) {
            DeploymentLoad load = loads.getOrDefault(m.deployment().id(), DeploymentLoad.IDLE);
            if (target.pinned() || !settings.cooldown().enabled() || !load.isCooling(now)) {
                healthy.add(m);
            }
        }
        if (healthy.isEmpty()) {
            return Mono.error(allCooling(target, eligible, loads, now));
        }
        List<DeploymentModel> fresh = healthy.stream().filter(m -> !excluded.contains(m.deployment().id())).toList();
        if (fresh.isEmpty()) {
            fresh = healthy;
        }
        long estimate = Math.max(1, run.needs.promptTokens());
        List<DeploymentModel> open = fresh.stream().filter(m -> hasHeadroom(m, loads, estimate)).toList();
        if (open.isEmpty()) {
            return Mono.error(limitsReached(target, now));
        }
        // lowest order first; a deployment without an order (0) comes after every ordered one
        TreeMap<Integer, List<DeploymentModel>> tiers = open.stream().collect(Collectors.groupingBy(
                m -> m.deployment().order() == 0 ? Integer.MAX_VALUE : m.deployment().order(), TreeMap::new, Collectors.toList()));
        List<dev.llmux.router.Deployment> ranked = new ArrayList<>();
        for (List<DeploymentModel> tier : tiers.values()) {
            ranked.addAll(Strategies.rank(settings.strategy(), tier, loads, latency, run.stream, settings.latencyBuffer(), random));
        }
        // one pass to map ranked deployments back to their models (a search per deployment made this quadratic)
        java.util.IdentityHashMap<dev.llmux.router.Deployment, DeploymentModel> byDeployment = new java.util.IdentityHashMap<>();
        open.forEach(m -> byDeployment.put(m.deployment(), m));
        List<DeploymentModel> order = ranked.stream().map(byDeployment::get).toList();
        return admit(target, run, order, 0, estimate, now);
    }

    private Mono<Lease> admit(Target target, CallRun run, List<DeploymentModel> order, int i, long estimate, Instant now) {
        if (i == order.size()) {
            return Mono.error(limitsReached(target, now));
        }
        DeploymentModel m = order.get(i);
        var d = m.deployment();
        return state.acquire(d.id(), now, d.rpm(), d.tpm(), estimate).flatMap(ok -> {
            if (!ok) {
                return admit(target, run, order, i + 1, estimate, now);
            }
            return budgets.reserve(target.group(), m, run.needs, run.tags, now)
                    .map(res -> new Lease(target.group(), m, estimate, res, now))
                    .onErrorResume(e -> state.release(d.id(), now, -estimate).onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
        });
    }

    private static boolean hasHeadroom(DeploymentModel m, Map<String, DeploymentLoad> loads, long estimate) {
        DeploymentLoad load = loads.getOrDefault(m.deployment().id(), DeploymentLoad.IDLE);
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
