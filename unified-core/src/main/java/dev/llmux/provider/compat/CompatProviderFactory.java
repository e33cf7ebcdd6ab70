package dev.llmux.provider.compat;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers one {@link OpenAiCompatibleProvider} per entry of {@link CompatPresets#ALL}. */
public final class CompatProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return CompatPresets.ALL.stream().<Provider>map(OpenAiCompatibleProvider::new).toList();
    }
}
