package dev.llmux.config;

import org.jspecify.annotations.Nullable;

/** A config file that cannot be used; the message names the source, the key path and its line. */
public final class ConfigException extends RuntimeException {

    private final String path;
    private final int line;

    public ConfigException(String source, String path, int line, String message) {
        this(source, path, line, message, null);
    }

    public ConfigException(String source, String path, int line, String message, @Nullable Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + (path.isEmpty() ? "" : ": " + path) + ": " + message, cause);
        this.path = path;
        this.line = line;
    }

    /** The key path, for example {@code model_list[2].litellm_params.rpm}. */
    public String path() {
        return path;
    }

    /** The 1-based line of the bad value, or 0 when unknown. */
    public int line() {
        return line;
    }
}
