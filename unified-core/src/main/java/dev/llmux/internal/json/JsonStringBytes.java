package dev.llmux.internal.json;

/**
 * What the bytes inside a JSON string mean, for {@link JsonCursor}: where an escape ends, and the characters of a
 * string that holds escapes. The cursor finds a string's bounds and checks it; these read it.
 */
final class JsonStringBytes {

    private JsonStringBytes() {}

    /** Where the valid escape at {@code b[p]} (a backslash) ends. */
    static int afterEscape(byte[] b, int p, int e) {
        if (p + 1 >= e) {
            throw JsonCursor.mismatch();
        }
        switch (b[p + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return p + 2;
            }
            case 'u' -> {
                if (e - p < 6) {
                    throw JsonCursor.mismatch();
                }
                for (int k = 2; k < 6; k++) {
                    hex(b[p + k]);
                }
                return p + 6;
            }
            default -> throw JsonCursor.mismatch();
        }
    }

    /**
     * The characters of the string in {@code b[start, close)}, which the cursor found sound (escapes valid, UTF-8
     * well formed), decoded in {@code out}, which has room for {@code close - start} chars.
     */
    static String decode(byte[] b, int start, int close, char[] out) {
        int n = 0;
        int i = start;
        while (i < close) {
            int x = b[i];
            if (x == '\\') {
                byte e = b[i + 1];
                i += 2;
                switch (e) {
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        out[n++] = (char) ((hex(b[i]) << 12) | (hex(b[i + 1]) << 8) | (hex(b[i + 2]) << 4) | hex(b[i + 3]));
                        i += 4;
                    }
                    default -> out[n++] = (char) e; // a quote, a backslash or a slash
                }
            } else if (x >= 0) {
                out[n++] = (char) x;
                i++;
            } else if ((x & 0xe0) == 0xc0) {
                out[n++] = (char) (((x & 0x1f) << 6) | (b[i + 1] & 0x3f));
                i += 2;
            } else if ((x & 0xf0) == 0xe0) {
                out[n++] = (char) (((x & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
                i += 3;
            } else {
                int cp = ((x & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        return new String(out, 0, n);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        throw JsonCursor.mismatch();
    }
}
