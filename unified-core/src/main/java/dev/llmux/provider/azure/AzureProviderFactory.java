package dev.llmux.provider.azure;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link AzureProvider} with {@link java.util.ServiceLoader}. */
public final class AzureProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new AzureProvider());
    }
}
