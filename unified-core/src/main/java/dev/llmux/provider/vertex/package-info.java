/**
 * The Google Cloud Vertex AI provider ({@code vertex_ai/<model>}): Gemini models through {@code publishers/google},
 * Claude through {@code publishers/anthropic}, text embeddings through {@code :predict}.
 */
@NullMarked
package dev.llmux.provider.vertex;

import org.jspecify.annotations.NullMarked;
