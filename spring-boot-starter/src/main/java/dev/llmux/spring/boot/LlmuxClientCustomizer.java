package dev.llmux.spring.boot;

import dev.llmux.Llmux;

/**
 * Changes the {@link Llmux.Builder} before the starter builds the client (a transport, a catalog, providers,
 * interceptors). Every bean of this type is applied, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface LlmuxClientCustomizer {
    void customize(Llmux.Builder builder);
}
