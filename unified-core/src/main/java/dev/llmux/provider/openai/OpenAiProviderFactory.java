package dev.llmux.provider.openai;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link OpenAiProvider} with {@link java.util.ServiceLoader}. */
public final class OpenAiProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new OpenAiProvider());
    }
}
