package dev.llmux.config;

/**
 * Something in a config file that llmux read but does not act on (an unknown key, a LiteLLM feature llmux does
 * not have, a value it overrides). {@link ConfigLoader#strict()} turns warnings into errors.
 *
 * @param path the key path, for example {@code router_settings.redis_url}
 * @param line the 1-based line, or 0 when unknown
 * @param message what was ignored and why
 */
public record ConfigWarning(String path, int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + path + ": " + message;
    }
}
