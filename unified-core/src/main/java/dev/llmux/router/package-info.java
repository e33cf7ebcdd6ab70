/**
 * The router: model groups (an alias over several deployments), routing strategies, the one retry loop,
 * fallbacks, cooldowns, rate limits, budgets, a response cache and listeners. A {@link dev.llmux.router.Router}
 * is an ordinary {@link dev.llmux.LlmInterceptor}: add it to {@link dev.llmux.Llmux.Builder#interceptor} and ask
 * for an alias through the usual {@code Llmux} API. Shared state across instances plugs in through
 * {@link dev.llmux.router.RouterState} (in memory by default; Redis in {@code llmux-redis}).
 */
@NullMarked
package dev.llmux.router;

import org.jspecify.annotations.NullMarked;
