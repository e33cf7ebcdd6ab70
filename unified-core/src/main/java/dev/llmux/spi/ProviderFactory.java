package dev.llmux.spi;

import java.util.List;

/** Contributes providers through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.llmux.spi.ProviderFactory}). */
public interface ProviderFactory {

    List<Provider> providers();
}
