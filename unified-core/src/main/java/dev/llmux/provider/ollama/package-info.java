/** Ollama's native chat and embedding API ({@code ollama/…}, {@code ollama_chat/…}). */
@NullMarked
package dev.llmux.provider.ollama;

import org.jspecify.annotations.NullMarked;
