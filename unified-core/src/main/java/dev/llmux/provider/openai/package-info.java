/** OpenAI's Chat Completions and Embeddings APIs; {@code internal} holds the request, response and stream machinery the OpenAI-shaped family shares. */
@NullMarked
package dev.llmux.provider.openai;

import org.jspecify.annotations.NullMarked;
