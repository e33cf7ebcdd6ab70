package dev.llmux.provider.anthropic;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link AnthropicProvider} with {@link java.util.ServiceLoader}. */
public final class AnthropicProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new AnthropicProvider());
    }
}
