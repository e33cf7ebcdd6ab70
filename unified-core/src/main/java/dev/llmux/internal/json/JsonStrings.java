package dev.llmux.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a string as a JSON string value the way Jackson does by default, from its UTF-8 bytes: control characters,
 * quote and backslash escaped ({@code \b \t \n \f \r} by name, the rest as upper-case {@code \}{@code u00XX}),
 * nothing else, non-ASCII characters as their UTF-8 bytes. Runs between characters that need escaping are copied
 * whole, found eight bytes at a time (a word has a byte below {@code c}, or equal to it, when subtracting {@code c}
 * from each byte borrows into that byte's top bit; the lowest such byte is exact, since a borrow only runs upward,
 * and bytes of 0x80 and above never match). A string with an unpaired surrogate, which the JDK's encoder turns into
 * {@code '?'} and Jackson escapes, is left to Jackson.
 */
final class JsonStrings {

    private JsonStrings() {}

    /** Writes {@code text} as a string value, or writes nothing and returns false (an unpaired surrogate). */
    static boolean write(JsonGenerator g, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8); // for an ASCII string held as Latin-1, one array copy
        int n = b.length;
        boolean oneBytePerChar = n == text.length(); // then byte i is char i
        int questionMarks = 0;
        byte @Nullable [] out = null;
        int length = 0;
        int run = 0; // where the bytes not yet copied to out begin
        for (int at = next(b, 0); at < n; at = next(b, at + 1)) {
            byte c = b[at];
            if (c == '?') {
                if (oneBytePerChar && text.charAt(at) != '?') {
                    return false; // an unpaired surrogate: Jackson writes it escaped
                }
                questionMarks++;
                continue;
            }
            out = room(out, length + (at - run) + 6, n); // the run, then an escape of at most six bytes
            System.arraycopy(b, run, out, length, at - run);
            length = escape(c, out, length + (at - run));
            run = at + 1;
        }
        if (!oneBytePerChar && questionMarks > 0 && questionMarks != count(text, '?')) {
            return false; // more '?' bytes than '?' chars: the encoder replaced an unpaired surrogate
        }
        if (out == null) {
            g.writeRawUTF8String(b, 0, n);
            return true;
        }
        out = room(out, length + (n - run), n);
        System.arraycopy(b, run, out, length, n - run);
        g.writeRawUTF8String(out, 0, length + (n - run));
        return true;
    }

    /** {@code out}, or a larger copy, with room for {@code needed} bytes (a first one: {@code n} and some escapes). */
    private static byte[] room(byte @Nullable [] out, int needed, int n) {
        if (out == null) {
            return new byte[Math.max(needed, n + Math.max(16, n >> 3))];
        }
        return out.length >= needed ? out : Arrays.copyOf(out, Math.max(out.length * 2, needed));
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
            n++;
        }
        return n;
    }

    /** The first control character, quote, backslash or '?' at or after {@code i}, or {@code b.length}. */
    private static int next(byte[] b, int i) {
        int n = b.length;
        for (; n - i >= Long.BYTES; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ QUOTES;
            long backslash = w ^ BACKSLASHES;
            long question = w ^ QUESTIONS;
            // "& ~w" drops bytes of 0x80 and above: UTF-8 beyond ASCII needs no escaping
            long hit = ((w - SPACES) & ~w | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash
                    | (question - ONES) & ~question) & TOPS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < n; i++) {
            byte c = b[i];
            if (c >= 0 && c < 0x20 || c == '"' || c == '\\' || c == '?') { // a negative byte is UTF-8 beyond ASCII
                return i;
            }
        }
        return n;
    }

    /** Writes the escape of {@code c} at {@code o}; returns the index after it. */
    private static int escape(byte c, byte[] out, int o) {
        out[o++] = '\\';
        switch (c) {
            case '"', '\\' -> out[o++] = c;
            case '\b' -> out[o++] = 'b';
            case '\t' -> out[o++] = 't';
            case '\n' -> out[o++] = 'n';
            case '\f' -> out[o++] = 'f';
            case '\r' -> out[o++] = 'r';
            default -> {
                out[o++] = 'u';
                out[o++] = '0';
                out[o++] = '0';
                out[o++] = HEX[c >> 4];
                out[o++] = HEX[c & 0xf];
            }
        }
        return o;
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long TOPS = 0x8080808080808080L;
    private static final long SPACES = ONES * ' ';
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long QUESTIONS = ONES * '?';
}
