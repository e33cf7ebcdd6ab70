package dev.llmux.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;

/**
 * A strict forward reader of one small JSON document held in a byte range, for the hot paths that read a known
 * shape many times over (a stream's events), where a general tokenizer's name table, token bookkeeping and
 * parser state cost more than the reading itself.
 *
 * <p>It takes RFC 8259 JSON in well-formed UTF-8 and nothing else: no comments, no trailing commas, no leading
 * zeros, no unescaped control characters, no malformed UTF-8 (inside or outside the values it is asked for). On
 * anything else it throws {@link Mismatch}, which callers also throw for a shape they do not take; the caller then
 * reads the document its general way, which reports or reads it as it always did. So whatever a caller builds
 * from a cursor is only ever built from text the general path reads the same way.
 *
 * <p>Use: {@link #reset} with the document, then the reading methods in document order; each skips the whitespace
 * before what it reads. Not thread-safe: one per stream.
 */
public final class JsonCursor {

    /** The document is not JSON, or not of the shape its reader takes. Shared, without a stack trace: it is control flow. */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Mismatch() {
            super("not JSON of the expected shape", null, false, false);
        }
    }

    /** The last value read into one field of a stream's events, so that a repeated value is not built again. */
    public static final class Last {
        private @Nullable String value;
        private byte[] bytes = EMPTY;
    }

    private static final Mismatch MISMATCH = new Mismatch();

    /** Jackson's limits (its {@code StreamReadConstraints}): what it refuses, the cursor refuses too. */
    private static final StreamReadConstraints LIMITS = Json.MAPPER.tokenStreamFactory().streamReadConstraints();
    /**
     * Values nested deeper than this below a skipped one are left to the general path: 64, or less when an
     * application set Jackson's limit so low that the readers' own few levels of nesting would matter.
     */
    private static final int MAX_DEPTH = Math.min(64, LIMITS.getMaxNestingDepth() - 16);
    /** Jackson's document length limit (none by default); its token count limit (none by default) is not kept. */
    private static final long MAX_DOCUMENT_LENGTH = LIMITS.getMaxDocumentLength();
    /** Counted in bytes, which are never fewer than the characters Jackson counts: the cursor refuses no less. */
    private static final int MAX_NAME_LENGTH = LIMITS.getMaxNameLength();
    private static final int MAX_STRING_LENGTH = LIMITS.getMaxStringLength();
    private static final byte[] EMPTY = new byte[0];
    private static final char[] NO_CHARS = new char[0];
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buf = EMPTY;
    private int pos;
    private int end;
    private char[] chars = NO_CHARS;
    /** What {@link #scanString} found in the string it checked last. */
    private boolean scannedAscii;
    private boolean scannedEscape;

    /** Starts reading {@code array[offset, offset + length)}. The bytes must not change while they are read. */
    public JsonCursor reset(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        buf = array;
        pos = offset;
        // a document longer than Jackson takes is read as an empty one, which every reading method refuses
        end = MAX_DOCUMENT_LENGTH > 0 && length > MAX_DOCUMENT_LENGTH ? offset : offset + length;
        return this;
    }

    /** Lets go of the document's bytes. */
    public void clear() {
        buf = EMPTY;
        pos = 0;
        end = 0;
    }

    /** The bytes being read (as given to {@link #reset}), for handing a value's span on to another reader. */
    public byte[] bytes() {
        return buf;
    }

    /** The exception to throw for a shape the caller does not take. */
    public static Mismatch mismatch() {
        return MISMATCH;
    }

    /** The next significant byte, not consumed: {@code "} for a string, {@code n} for null, {@code {}, {@code [}, … */
    public byte peek() {
        skipWhitespace();
        if (pos == end) {
            throw MISMATCH;
        }
        return buf[pos];
    }

    /**
     * Where the next significant byte is (the start of the value {@link #skipValue} would skip), or the end of the
     * document when only whitespace is left.
     */
    public int position() {
        skipWhitespace();
        return pos;
    }

    /** Consumes {@code c} (a structural character) when it comes next; false, consuming nothing, otherwise. */
    public boolean consume(char c) {
        int p = skipWhitespace(buf, pos, end);
        if (p < end && buf[p] == c) {
            pos = p + 1;
            return true;
        }
        pos = p;
        return false;
    }

    /**
     * Consumes {@code expected} when exactly these bytes come next (after any whitespace); false, consuming nothing
     * but that whitespace, otherwise. For a reader skipping what it read before: see {@link #copySince}.
     */
    public boolean consumeExactly(byte[] expected) {
        int p = skipWhitespace(buf, pos, end);
        int n = expected.length;
        if (end - p >= n && Arrays.equals(buf, p, p + n, expected, 0, n)) {
            pos = p + n;
            return true;
        }
        pos = p;
        return false;
    }

    /**
     * From now on reads only {@code [from, to)} of the document, which must lie within what is left of it; a
     * range that does not throws {@link Mismatch}.
     */
    public JsonCursor narrow(int from, int to) {
        if (from < pos || to < from || to > end) {
            throw MISMATCH;
        }
        pos = from;
        end = to;
        return this;
    }

    /** A copy of the bytes read since {@code from} (an earlier {@link #position()}). */
    public byte[] copySince(int from) {
        return Arrays.copyOfRange(buf, from, pos);
    }

    /** Consumes {@code c}, which must come next. */
    public void expect(char c) {
        if (!consume(c)) {
            throw MISMATCH;
        }
    }

    /** True when only whitespace is left. */
    public boolean atEnd() {
        skipWhitespace();
        return pos == end;
    }

    /**
     * A property name and the colon after it. A name in {@code known} is returned as that table's very string (no
     * string is built); names with escapes or non-ASCII characters throw (the general path reads them).
     */
    public String name(JsonNames known) {
        byte[] b = buf;
        int e = end;
        int p = skipWhitespace(b, pos, e);
        if (p == e || b[p] != '"') {
            throw MISMATCH;
        }
        int start = ++p;
        while (true) {
            if (p == e) {
                throw MISMATCH;
            }
            byte x = b[p];
            if (x == '"') {
                break;
            }
            if (x < 0x20 || x == '\\') { // control, escape, or (negative) non-ASCII
                throw MISMATCH;
            }
            p++;
        }
        int length = p - start;
        if (length > MAX_NAME_LENGTH) {
            throw MISMATCH;
        }
        p = skipWhitespace(b, p + 1, e);
        if (p == e || b[p] != ':') {
            throw MISMATCH;
        }
        pos = p + 1;
        String name = known.find(b, start, length);
        return name != null ? name : new String(b, start, length, StandardCharsets.ISO_8859_1);
    }

    /** Consumes a {@code null} when one comes next. */
    public boolean consumeNull() {
        if (peek() != 'n') {
            return false;
        }
        literal(NULL);
        return true;
    }

    /** A {@code true} or {@code false}. */
    public boolean bool() {
        byte b = peek();
        if (b == 't') {
            literal(TRUE);
            return true;
        }
        if (b == 'f') {
            literal(FALSE);
            return false;
        }
        throw MISMATCH;
    }

    /** A string value. */
    public String string() {
        return string(null);
    }

    /** A string value or null. */
    public @Nullable String stringOrNull() {
        return consumeNull() ? null : string(null);
    }

    /**
     * A string value; the string {@code last} holds when the value is the same as last time (a stream repeats its
     * ids in every event), which {@code last} then remembers.
     */
    public String string(@Nullable Last last) {
        int start = openString();
        int close = scanString(start);
        pos = close + 1;
        if (scannedEscape) {
            if (chars.length < close - start) {
                chars = new char[close - start];
            }
            return remember(last, JsonStringBytes.decode(buf, start, close, chars));
        }
        int length = close - start;
        if (!scannedAscii) {
            return remember(last, new String(buf, start, length, StandardCharsets.UTF_8));
        }
        if (last == null) {
            return new String(buf, start, length, StandardCharsets.ISO_8859_1);
        }
        if (last.value != null && Arrays.equals(last.bytes, 0, last.bytes.length, buf, start, close)) {
            return last.value;
        }
        last.bytes = Arrays.copyOfRange(buf, start, close);
        return last.value = new String(last.bytes, StandardCharsets.ISO_8859_1);
    }

    private static String remember(@Nullable Last last, String value) {
        if (last != null) {
            last.value = null; // compared by bytes only for plain ASCII values
        }
        return value;
    }

    /** An integer (no fraction, no exponent) that fits in a long; larger ones are left to the general path. */
    public long integer() {
        byte b = peek();
        boolean negative = b == '-';
        if (negative) {
            pos++;
        }
        if (pos == end) {
            throw MISMATCH;
        }
        b = buf[pos];
        long value;
        if (b == '0') {
            pos++;
            value = 0;
        } else if (b >= '1' && b <= '9') {
            int start = pos;
            value = 0;
            while (pos < end && (b = buf[pos]) >= '0' && b <= '9') {
                if (pos - start == 18) {
                    throw MISMATCH; // might not fit
                }
                value = value * 10 + (b - '0');
                pos++;
            }
        } else {
            throw MISMATCH;
        }
        if (pos < end && ((b = buf[pos]) == '.' || b == 'e' || b == 'E' || (b >= '0' && b <= '9'))) {
            throw MISMATCH; // a fraction, an exponent, or a leading zero
        }
        return negative ? -value : value;
    }

    /** An integer that fits in an int. */
    public int intValue() {
        long v = integer();
        if (v != (int) v) {
            throw MISMATCH;
        }
        return (int) v;
    }

    /**
     * An array whose elements {@code element} reads, each from its first byte: {@code List.of()} when empty, a
     * one-element {@code List.of} for one, a mutable list for more; null as soon as {@code element} answers null.
     */
    public <T> @Nullable List<T> array(Function<JsonCursor, @Nullable T> element) {
        expect('[');
        if (consume(']')) {
            return List.of();
        }
        T first = null;
        List<T> all = null;
        do {
            T next = element.apply(this);
            if (next == null) {
                return null;
            }
            if (first == null) {
                first = next;
            } else {
                if (all == null) {
                    all = new ArrayList<>(4);
                    all.add(first);
                }
                all.add(next);
            }
        } while (consume(','));
        expect(']');
        return all != null ? all : List.of(first);
    }

    /** Skips one value of any kind, checking it as strictly as the rest. */
    public void skipValue() {
        skipValue(0);
    }

    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw MISMATCH;
        }
        switch (peek()) {
            case '"' -> skipString();
            case '{' -> {
                pos++;
                if (!consume('}')) {
                    do {
                        if (peek() != '"') {
                            throw MISMATCH;
                        }
                        int nameStart = pos;
                        skipString();
                        if (pos - nameStart - 2 > MAX_NAME_LENGTH) {
                            throw MISMATCH;
                        }
                        expect(':');
                        skipValue(depth + 1);
                    } while (consume(','));
                    expect('}');
                }
            }
            case '[' -> {
                pos++;
                if (!consume(']')) {
                    do {
                        skipValue(depth + 1);
                    } while (consume(','));
                    expect(']');
                }
            }
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> pos = JsonNumberBytes.after(buf, pos, end);
        }
    }

    /** Checks a string as {@link #string} does, building nothing. */
    private void skipString() {
        pos = scanString(openString()) + 1;
    }

    /** Consumes the whitespace and the opening quote of a string; where its characters start. */
    private int openString() {
        int p = skipWhitespace(buf, pos, end);
        if (p == end || buf[p] != '"') {
            throw MISMATCH;
        }
        return p + 1;
    }

    /**
     * Checks the characters of a string from {@code start} (escapes, control characters, UTF-8, Jackson's length
     * limit) and says whether it holds escapes or non-ASCII bytes ({@link #scannedEscape}, {@link #scannedAscii});
     * where its closing quote is.
     */
    private int scanString(int start) {
        byte[] b = buf;
        int e = end;
        int p = start;
        boolean ascii = true;
        boolean escape = false;
        while (true) {
            if (p >= e) {
                throw MISMATCH;
            }
            byte x = b[p];
            if (x == '"') {
                break;
            }
            if (x == '\\') {
                escape = true;
                p = JsonStringBytes.afterEscape(b, p, e);
                continue;
            }
            if (x < 0x20) {
                if (x >= 0) {
                    throw MISMATCH; // an unescaped control character
                }
                ascii = false;
            }
            p++;
        }
        if (p - start > MAX_STRING_LENGTH || (!ascii && !Utf8.isWellFormed(b, start, p - start))) {
            throw MISMATCH;
        }
        scannedAscii = ascii;
        scannedEscape = escape;
        return p;
    }

    private void literal(byte[] word) {
        int n = word.length;
        if (end - pos < n || !Arrays.equals(word, 0, n, buf, pos, pos + n)) {
            throw MISMATCH;
        }
        pos += n;
    }

    private void skipWhitespace() {
        pos = skipWhitespace(buf, pos, end);
    }

    /** The first index from {@code p} on that is not whitespace, or {@code end}. */
    private static int skipWhitespace(byte[] b, int p, int end) {
        while (p < end) {
            byte x = b[p];
            if (x > ' ' || (x != ' ' && x != '\n' && x != '\r' && x != '\t')) {
                return p;
            }
            p++;
        }
        return p;
    }
}
