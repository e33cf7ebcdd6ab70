/**
 * Counting prompt tokens before a call: exact for OpenAI models (their tiktoken encodings, through jtokkit), an
 * estimate for everyone else. See {@link dev.llmux.tokens.TokenCounter}.
 */
@NullMarked
package dev.llmux.tokens;

import org.jspecify.annotations.NullMarked;
