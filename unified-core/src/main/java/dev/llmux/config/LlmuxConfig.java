package dev.llmux.config;

import dev.llmux.router.Deployment;
import dev.llmux.router.Router;
import dev.llmux.router.RouterSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A loaded {@code config.yaml}: everything the router, the client, the gateway and the Spring starter need.
 *
 * @param deployments {@code model_list}, in file order
 * @param router {@code router_settings} merged with the router keys of {@code litellm_settings} ({@code router_settings}
 *     wins when both set one)
 * @param client the client keys of {@code litellm_settings}
 * @param redis shared-state settings, or null when the file names no Redis
 * @param cacheType {@code local} or {@code redis} when {@code litellm_settings.cache} is on, else null
 * @param generalSettings {@code general_settings}, as parsed (env references resolved), for the gateway
 * @param environmentVariables {@code environment_variables}
 * @param warnings keys llmux read but does not act on
 */
public record LlmuxConfig(
        List<Deployment> deployments,
        RouterSettings router,
        ClientSettings client,
        @Nullable RedisSettings redis,
        @Nullable String cacheType,
        Map<String, Object> generalSettings,
        Map<String, String> environmentVariables,
        List<ConfigWarning> warnings) {

    public LlmuxConfig {
        deployments = List.copyOf(deployments);
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(client, "client");
        generalSettings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(generalSettings));
        environmentVariables = Map.copyOf(environmentVariables);
        warnings = List.copyOf(warnings);
    }

    /**
     * A router builder with this file's deployments and settings. Add shared state ({@code llmux-redis}), a clock or
     * listeners, then build.
     */
    public Router.Builder routerBuilder() {
        return Router.builder().deployments(deployments).settings(router);
    }
}
