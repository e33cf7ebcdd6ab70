package dev.llmux.provider.gemini;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link GeminiProvider} with {@link java.util.ServiceLoader}. */
public final class GeminiProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new GeminiProvider());
    }
}
