/** The OpenAI-shaped request, response and stream machinery, shared by the OpenAI, Azure and compatible providers. Not API. */
@NullMarked
package dev.llmux.provider.openai.internal;

import org.jspecify.annotations.NullMarked;
