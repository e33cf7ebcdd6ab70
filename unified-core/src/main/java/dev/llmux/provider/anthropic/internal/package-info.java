/** Wire records, mappers, the stream assembler and the error mapper of the Anthropic provider. Not API. */
@NullMarked
package dev.llmux.provider.anthropic.internal;

import org.jspecify.annotations.NullMarked;
