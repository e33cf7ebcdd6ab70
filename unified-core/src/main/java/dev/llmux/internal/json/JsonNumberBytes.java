package dev.llmux.internal.json;

/**
 * The syntax of a JSON number, for {@link JsonCursor} skipping one: an optional minus, an integer part without
 * leading zeros, an optional fraction and an optional exponent, no longer than Jackson takes.
 */
final class JsonNumberBytes {

    /** Jackson's limit (its {@code StreamReadConstraints}): a number it refuses, the cursor refuses too. */
    private static final int MAX_LENGTH = Json.MAPPER.tokenStreamFactory().streamReadConstraints().getMaxNumberLength();

    private JsonNumberBytes() {}

    /** Where the number starting at {@code b[p]} ends ({@code end} bounds the document); a mismatch if it is none. */
    static int after(byte[] b, int p, int end) {
        int start = p;
        if (b[p] == '-') {
            p++;
        }
        if (p == end) {
            throw JsonCursor.mismatch();
        }
        byte x = b[p];
        if (x == '0') {
            p++;
        } else if (x >= '1' && x <= '9') {
            p = digits(b, p, end);
        } else {
            throw JsonCursor.mismatch();
        }
        if (p < end && b[p] == '.') {
            p = digits(b, p + 1, end);
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            p = digits(b, p, end);
        }
        if (p < end && (x = b[p]) >= '0' && x <= '9') {
            throw JsonCursor.mismatch(); // digits after a leading zero
        }
        if (p - start > MAX_LENGTH) {
            throw JsonCursor.mismatch(); // Jackson refuses it
        }
        return p;
    }

    /** Where one or more digits from {@code b[p]} end. */
    private static int digits(byte[] b, int p, int end) {
        int start = p;
        byte x;
        while (p < end && (x = b[p]) >= '0' && x <= '9') {
            p++;
        }
        if (p == start) {
            throw JsonCursor.mismatch();
        }
        return p;
    }
}
