/**
 * The Anthropic Messages API provider ({@code anthropic/<model>}).
 *
 * <p>{@link dev.llmux.provider.anthropic.AnthropicProvider} is the adapter the client finds through
 * {@link dev.llmux.provider.anthropic.AnthropicProviderFactory}. {@link dev.llmux.provider.anthropic.AnthropicCodec}
 * exposes the pure translation (OpenAI request to Messages body, Messages response and stream events back, error
 * bodies to llmux errors) so that hosts serving Claude behind another URL and auth (Vertex AI {@code :rawPredict},
 * Bedrock {@code InvokeModel}) reuse it unchanged.
 */
@NullMarked
package dev.llmux.provider.anthropic;

import org.jspecify.annotations.NullMarked;
