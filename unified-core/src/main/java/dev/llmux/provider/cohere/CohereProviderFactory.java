package dev.llmux.provider.cohere;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link CohereProvider} with {@link java.util.ServiceLoader}. */
public final class CohereProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new CohereProvider());
    }
}
