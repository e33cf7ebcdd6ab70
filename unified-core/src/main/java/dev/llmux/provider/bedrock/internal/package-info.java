/** Bedrock internals: SigV4 signing, event-stream framing, Converse mapping, errors. Not API. */
@NullMarked
package dev.llmux.provider.bedrock.internal;

import org.jspecify.annotations.NullMarked;
