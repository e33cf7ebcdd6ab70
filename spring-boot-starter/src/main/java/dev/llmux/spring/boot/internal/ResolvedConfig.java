package dev.llmux.spring.boot.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.llmux.config.RedisSettings;
import dev.llmux.router.Deployment;
import dev.llmux.router.RouterSettings;

/**
 * What {@code llmux.*} and the config file they name add up to, checked.
 *
 * @param deployments the file's deployments, then those of {@code llmux.models}
 * @param router the router settings
 * @param dropParams the client's drop-params policy
 * @param redis shared state settings, or null for state in memory
 * @param defaultModel the alias for the default model beans, or null when nothing names one
 * @param defaultEmbeddingModel the alias for the default embedding beans, or null
 */
public record ResolvedConfig(
        List<Deployment> deployments,
        RouterSettings router,
        boolean dropParams,
        @Nullable RedisSettings redis,
        @Nullable String defaultModel,
        @Nullable String defaultEmbeddingModel) {

    public ResolvedConfig {
        deployments = List.copyOf(deployments);
    }
}
