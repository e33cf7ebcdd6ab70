/** Wire records, mappers, the stream assembler and the error mapper shared by the Gemini and Vertex AI providers. Not API. */
@NullMarked
package dev.llmux.provider.gemini.internal;

import org.jspecify.annotations.NullMarked;
