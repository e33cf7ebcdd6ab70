/**
 * The llmux client: {@link dev.llmux.Llmux} sends OpenAI-shaped requests to any provider, through an
 * interceptor chain ({@link dev.llmux.LlmInterceptor}) where caching, limits, routing and cost recording live.
 */
@NullMarked
package dev.llmux;

import org.jspecify.annotations.NullMarked;
