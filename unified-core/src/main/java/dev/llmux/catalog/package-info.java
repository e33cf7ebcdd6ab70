/**
 * The bundled model catalog (context windows, prices, capabilities) and cost from usage, in exact decimal USD.
 */
@NullMarked
package dev.llmux.catalog;

import org.jspecify.annotations.NullMarked;
