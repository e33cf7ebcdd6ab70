package dev.llmux.config;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Client-wide settings from {@code litellm_settings}, for {@link dev.llmux.Llmux.Builder}.
 *
 * @param dropParams drop unsupported OpenAI parameters instead of failing ({@code drop_params})
 * @param additionalDropParams parameters always removed ({@code additional_drop_params})
 * @param requestTimeout the per-attempt timeout ({@code request_timeout}), or null
 */
public record ClientSettings(boolean dropParams, Set<String> additionalDropParams, @Nullable Duration requestTimeout) {

    public static final ClientSettings DEFAULTS = new ClientSettings(false, Set.of(), null);

    public ClientSettings {
        additionalDropParams = Set.copyOf(additionalDropParams);
    }
}
