/** How the OpenAI-compatible presets' quirks are applied. Not API. */
@NullMarked
package dev.llmux.provider.compat.internal;

import org.jspecify.annotations.NullMarked;
