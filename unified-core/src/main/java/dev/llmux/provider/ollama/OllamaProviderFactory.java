package dev.llmux.provider.ollama;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link OllamaProvider} with {@link java.util.ServiceLoader}. */
public final class OllamaProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new OllamaProvider());
    }
}
