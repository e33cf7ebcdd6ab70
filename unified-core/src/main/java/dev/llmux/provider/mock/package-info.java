/** A provider that answers locally, for offline demos and tests: {@code mock/<any-name>}. */
@NullMarked
package dev.llmux.provider.mock;

import org.jspecify.annotations.NullMarked;
