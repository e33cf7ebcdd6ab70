/** Vertex AI endpoints, Google credentials (service-account JWT, authorized user), the access-token cache and Claude on Vertex. Not API. */
@NullMarked
package dev.llmux.provider.vertex.internal;

import org.jspecify.annotations.NullMarked;
