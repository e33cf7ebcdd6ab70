package dev.llmux.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A string JSON can carry as it is: ASCII with no control character, quote or backslash. Such a string's UTF-8
 * bytes, quoted, are exactly what Jackson writes for it, so a generator can copy them in one go instead of looking
 * each character up in its escape table. Checked eight bytes at a time (a word has a byte below {@code c}, or equal
 * to it, when subtracting {@code c} from each byte borrows into that byte's top bit; a hit is then checked byte by
 * byte, so a borrow carried into the next byte never decides anything).
 */
final class PlainAscii {

    private PlainAscii() {}

    /** The UTF-8 bytes of {@code text} when it needs no escaping in JSON and is all ASCII, else null. */
    static byte @Nullable [] bytes(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8); // one array copy for an ASCII string held as Latin-1
        // one byte per char: every char was ASCII, or an unpaired surrogate the encoder replaced by '?' (checked below)
        return b.length == text.length() && plain(b, text) ? b : null;
    }

    private static boolean plain(byte[] b, String text) {
        int n = b.length;
        int i = 0;
        for (; n - i >= Long.BYTES; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ QUOTES;
            long backslash = w ^ BACKSLASHES;
            long question = w ^ QUESTIONS;
            long hit = ((w - SPACES) & ~w | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash
                    | (question - ONES) & ~question) & TOPS;
            if (hit != 0 && !plain(b, i, i + Long.BYTES, text)) {
                return false;
            }
        }
        return plain(b, i, n, text);
    }

    private static boolean plain(byte[] b, int from, int to, String text) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == '?' && text.charAt(i) != '?') {
                return false; // a byte >= 0x80 cannot be here: b has one byte per char, each ASCII or '?'
            }
        }
        return true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long TOPS = 0x8080808080808080L;
    private static final long SPACES = ONES * ' ';
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long QUESTIONS = ONES * '?';
}
