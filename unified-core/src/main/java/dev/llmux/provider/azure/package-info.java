/** Azure OpenAI: OpenAI's wire format behind deployment URLs, {@code api-key} auth and content filtering. */
@NullMarked
package dev.llmux.provider.azure;

import org.jspecify.annotations.NullMarked;
