package dev.llmux.provider.replicate;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link ReplicateProvider} with {@link java.util.ServiceLoader}. */
public final class ReplicateProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new ReplicateProvider());
    }
}
