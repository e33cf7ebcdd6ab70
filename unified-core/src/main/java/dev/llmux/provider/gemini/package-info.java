/**
 * The Google AI Studio Gemini provider ({@code gemini/<model>}).
 *
 * <p>{@link dev.llmux.provider.gemini.GeminiProvider} is found through
 * {@link dev.llmux.provider.gemini.GeminiProviderFactory}. The Gemini mapping (in {@code internal}) is shared with
 * Vertex AI. How thought signatures survive the OpenAI-shaped round trip: a signed function call's signature rides in
 * its tool-call id ({@code call_…__thought__<signature>}, LiteLLM's convention, echoed verbatim by every client);
 * a signature on text comes back as a {@code thinking_blocks} entry and returns on the turn's last text part.
 */
@NullMarked
package dev.llmux.provider.gemini;

import org.jspecify.annotations.NullMarked;
