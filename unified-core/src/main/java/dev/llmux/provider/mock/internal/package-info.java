/** How the mock provider reads its script and estimates usage. Not API. */
@NullMarked
package dev.llmux.provider.mock.internal;

import org.jspecify.annotations.NullMarked;
