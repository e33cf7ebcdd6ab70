package dev.llmux.internal.json;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The property names a {@link JsonCursor} reader expects, each handed back by {@link JsonCursor#name} as the very
 * string given here whenever it comes, so that reading a name builds nothing. Immutable.
 */
public final class JsonNames {
    /** Open addressing by {@link #slot} (length, first and last byte): four times as many slots as names, at least. */
    private final String[] names;
    private final byte[][] bytes;
    private final int mask;

    private JsonNames(String[] given) {
        int size = Integer.highestOneBit(Math.max(1, given.length) * 8 - 1);
        names = new String[size];
        bytes = new byte[size][];
        mask = size - 1;
        for (String name : given) {
            if (name.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
                throw new IllegalArgumentException("names must be ASCII and not empty: '" + name + "'");
            }
            byte[] b = name.getBytes(StandardCharsets.US_ASCII);
            int slot = slot(b, 0, b.length) & mask;
            while (names[slot] != null) {
                if (names[slot].equals(name)) {
                    throw new IllegalArgumentException("name given twice: '" + name + "'");
                }
                slot = (slot + 1) & mask;
            }
            names[slot] = name;
            bytes[slot] = b;
        }
    }

    public static JsonNames of(String... names) {
        return new JsonNames(names);
    }

    private static int slot(byte[] buf, int start, int length) {
        return length * 31 + buf[start] * 7 + buf[start + length - 1];
    }

    /** The name whose bytes are {@code buf[start, start + length)}, or null. */
    @Nullable String find(byte[] buf, int start, int length) {
        if (length == 0) {
            return null;
        }
        int slot = slot(buf, start, length) & mask;
        while (true) {
            byte[] b = bytes[slot];
            if (b == null) {
                return null;
            }
            if (b.length == length && same(b, buf, start)) {
                return names[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean same(byte[] b, byte[] buf, int start) {
        for (int k = 0; k < b.length; k++) {
            if (b[k] != buf[start + k]) {
                return false;
            }
        }
        return true;
    }
}
