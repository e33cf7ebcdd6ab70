package dev.llmux.provider.mock;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link MockProvider} with {@link java.util.ServiceLoader}. */
public final class MockProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new MockProvider());
    }
}
