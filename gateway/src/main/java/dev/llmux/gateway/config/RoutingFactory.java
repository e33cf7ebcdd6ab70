package dev.llmux.gateway.config;

import dev.llmux.Llmux;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.config.ConfigLoader;
import dev.llmux.config.LlmuxConfig;
import dev.llmux.redis.RedisRouterState;
import dev.llmux.router.Deployment;
import dev.llmux.router.Router;
import dev.llmux.transport.HttpTransport;
import java.io.StringReader;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the gateway's {@link Routing} from a LiteLLM {@code config.yaml} with llmux's own loader and router: the
 * gateway adds no second reading of {@code model_list}. Deployments whose provider key is missing do not stop
 * startup (keys are read at call time); calling them answers 401 naming the variable.
 */
public final class RoutingFactory {

    private static final Logger log = LoggerFactory.getLogger(RoutingFactory.class);

    private RoutingFactory() {}

    public static Routing fromConfig(String yaml, String source, Clock clock, Function<String, String> env) {
        return fromConfig(yaml, source, clock, env, null);
    }

    /**
     * @param transport the transport for provider calls, closed with the routing; null for llmux's default (Reactor
     *     Netty on its own event loops)
     */
    public static Routing fromConfig(String yaml, String source, Clock clock, Function<String, String> env,
            @Nullable HttpTransport transport) {
        LlmuxConfig config = ConfigLoader.defaults().withEnv(env).parse(new StringReader(yaml), source);
        config.warnings().forEach(w -> log.warn("{}: {}", source, w));
        Router.Builder rb = config.routerBuilder().clock(clock);
        java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();
        if (transport != null) {
            resources.add(transport);
        }
        if (config.redis() != null) {
            // cooldowns and deployment rpm/tpm shared by every gateway instance
            RedisRouterState state = RedisRouterState.create(config.redis());
            resources.add(state);
            rb.state(state);
        }
        Router router = rb.build();
        Llmux.Builder lb = Llmux.builder();
        if (transport != null) {
            lb.transport(transport);
        }
        Llmux llmux = lb
                .interceptor(router)
                .dropParams(config.client().dropParams())
                .clock(clock)
                .env(env)
                .build();
        Map<String, ModelPrices> names = new LinkedHashMap<>();
        for (String group : router.groups()) {
            names.put(group, highest(router, group, llmux));
        }
        router.settings().groupAliases().forEach((alias, group) -> names.putIfAbsent(alias, names.get(group)));
        log.info("{}: {} model name(s): {}", source, names.size(), names.keySet());
        return new Routing(llmux, ModelDirectory.of(names), resources);
    }

    /**
     * The highest input and output prices among a group's deployments, so a budget reservation covers whichever
     * deployment the router picks; null when none has known prices.
     */
    private static @Nullable ModelPrices highest(Router router, String group, Llmux llmux) {
        ModelPrices best = null;
        for (Deployment d : router.deployments(group)) {
            ModelPrices p = d.prices() != null ? d.prices() : llmux.findModel(d.model()).map(ModelInfo::prices).orElse(null);
            if (p == null) {
                continue;
            }
            best = best == null ? p : new ModelPrices(best.input().max(p.input()), best.output().max(p.output()), null, null);
        }
        return best;
    }
}
