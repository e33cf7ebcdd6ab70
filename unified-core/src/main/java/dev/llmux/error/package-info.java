/**
 * One unchecked exception hierarchy for every provider, mirroring OpenAI's status codes so a router can act on
 * it: {@link dev.llmux.error.LlmuxException#isRetryable()} says whether trying again can help.
 */
@NullMarked
package dev.llmux.error;

import org.jspecify.annotations.NullMarked;
