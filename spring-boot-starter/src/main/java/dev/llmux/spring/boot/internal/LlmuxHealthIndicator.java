package dev.llmux.spring.boot.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.llmux.router.Deployment;
import dev.llmux.router.Router;
import dev.llmux.router.RouterState;

/**
 * Each alias and the state of its deployments: {@code healthy}, or {@code cooling down until <instant>}. DOWN when
 * some alias has no deployment in rotation (its calls would go straight to fallbacks or fail), else UP.
 */
public final class LlmuxHealthIndicator extends AbstractHealthIndicator {

    private final Router router;
    private final Clock clock;

    public LlmuxHealthIndicator(Router router, Clock clock) {
        super("llmux router state check failed");
        this.router = router;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> ids = router.groups().stream().flatMap(g -> router.deployments(g).stream()).map(Deployment::id).toList();
        Instant now = clock.instant();
        Map<String, RouterState.DeploymentLoad> loads = router.state().load(ids, now).block(Duration.ofSeconds(5));
        boolean allServed = true;
        for (String group : router.groups()) {
            Map<String, Object> deployments = new LinkedHashMap<>();
            boolean served = false;
            for (Deployment d : router.deployments(group)) {
                RouterState.DeploymentLoad load = loads == null ? null : loads.get(d.id());
                boolean cooling = load != null && load.isCooling(now);
                served |= !cooling;
                deployments.put(d.id(), Map.of("model", d.model(),
                        "state", cooling ? "cooling down until " + load.coolingUntil() : "healthy"));
            }
            allServed &= served;
            builder.withDetail(group, deployments);
        }
        if (allServed) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
