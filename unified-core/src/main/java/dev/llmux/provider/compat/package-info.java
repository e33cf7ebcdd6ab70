/** The OpenAI-compatible providers (Groq, Mistral, DeepSeek, OpenRouter, …), described as data by {@link dev.llmux.provider.compat.CompatPresets}. */
@NullMarked
package dev.llmux.provider.compat;

import org.jspecify.annotations.NullMarked;
