package dev.llmux.provider.bedrock;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.List;

/** Registers {@link BedrockProvider} with llmux's {@link java.util.ServiceLoader} lookup. */
public final class BedrockProviderFactory implements ProviderFactory {

    @Override
    public List<Provider> providers() {
        return List.of(new BedrockProvider());
    }
}
