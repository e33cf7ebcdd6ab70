/** Cohere's v2 chat and embedding API ({@code cohere/…}, {@code cohere_chat/…}). */
@NullMarked
package dev.llmux.provider.cohere;

import org.jspecify.annotations.NullMarked;
