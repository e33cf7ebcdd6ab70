package dev.llmux.internal.client;

import dev.llmux.internal.provider.BoundedMemo;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The process environment, looked up once per name. {@link System#getenv(String)} reads a snapshot the JVM takes at
 * start, so its answer for a name never changes; but each lookup encodes the name and allocates a key to find it,
 * and providers look up their optional variables ({@code OPENAI_ORGANIZATION}, {@code OPENAI_PROJECT}, ...) on
 * every call.
 */
public final class ProcessEnv {

    private static final BoundedMemo<String, Optional<String>> VALUES =
            new BoundedMemo<>(512, name -> Optional.ofNullable(System.getenv(name)));

    private ProcessEnv() {}

    /** {@link System#getenv(String)}: the variable's value, or null when it is not set. */
    public static @Nullable String get(String name) {
        return VALUES.get(name).orElse(null);
    }
}
