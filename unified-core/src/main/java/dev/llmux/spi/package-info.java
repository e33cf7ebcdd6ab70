/**
 * The provider SPI: how a provider adapter plugs into llmux. Adapters are found with
 * {@link java.util.ServiceLoader} through {@link dev.llmux.spi.ProviderFactory}, or registered on the client builder.
 */
@NullMarked
package dev.llmux.spi;

import org.jspecify.annotations.NullMarked;
