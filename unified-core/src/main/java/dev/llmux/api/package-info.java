/**
 * The OpenAI Chat Completions and Embeddings wire schema as Java records.
 *
 * <p>Every type here serializes to, and parses from, the exact JSON OpenAI documents (snake_case).
 * Open wire values ({@link dev.llmux.api.FinishReason}, message roles, content part types) keep
 * values they do not know instead of failing. Unknown request fields go into an explicit
 * {@code extra} map and are forwarded only by providers that choose to.
 */
@NullMarked
package dev.llmux.api;

import org.jspecify.annotations.NullMarked;
