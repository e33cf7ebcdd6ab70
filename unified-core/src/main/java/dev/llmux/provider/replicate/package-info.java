/** Replicate's predictions API for language models ({@code replicate/…}). */
@NullMarked
package dev.llmux.provider.replicate;

import org.jspecify.annotations.NullMarked;
