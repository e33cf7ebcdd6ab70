package dev.llmux.provider.vertex;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link VertexProvider} with {@link java.util.ServiceLoader}. */
public final class VertexProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new VertexProvider());
    }
}
