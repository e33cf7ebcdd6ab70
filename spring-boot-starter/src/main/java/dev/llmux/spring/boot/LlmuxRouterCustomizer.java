package dev.llmux.spring.boot;

import dev.llmux.router.Router;

/**
 * Changes the {@link Router.Builder} before the starter builds the router (a clock, listeners, a catalog, a
 * seeded random). Every bean of this type is applied, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface LlmuxRouterCustomizer {
    void customize(Router.Builder builder);
}
