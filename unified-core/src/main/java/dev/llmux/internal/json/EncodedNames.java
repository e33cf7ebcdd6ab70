package dev.llmux.internal.json;

import dev.llmux.internal.provider.RecentValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Property names kept with their quoted UTF-8 bytes, so that writing a name copies bytes instead of escaping it a
 * character at a time. Requests and answers repeat a few dozen names ({@code role}, {@code content}, {@code text},
 * {@code type}…) millions of times; the names of callers' own maps (tool schemas, extras) come and go.
 *
 * <p>Kept in {@link RecentValues}: the table never grows, and a name seen once costs one small object.
 */
final class EncodedNames {

    /** Longer names are rare and not worth a slot. */
    static final int MAX_LENGTH = 48;

    private static final RecentValues<String, SerializedString> KEPT = new RecentValues<>(1024);

    private EncodedNames() {}

    /**
     * {@code name} with its bytes ready, or null when it should be written as Jackson writes any name: too long, or
     * with a surrogate char (Jackson's generator and its string encoder treat an unpaired one differently).
     */
    static @Nullable SerializableString of(String name) {
        SerializedString kept = KEPT.get(name);
        if (kept != null) {
            return kept;
        }
        if (name.length() > MAX_LENGTH || hasSurrogate(name)) {
            return null;
        }
        SerializedString encoded = new SerializedString(name);
        encoded.asQuotedUTF8(); // encoded once, here, rather than by the first writer of each entry
        KEPT.put(name, encoded);
        return encoded;
    }

    /** The kept entry for {@code name}, or null; keeps nothing new (for tests). */
    static @Nullable SerializableString kept(String name) {
        return KEPT.get(name);
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
