package dev.llmux.internal.json;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A document kept as the bytes before and after one string value in it, with what a reader made of it. A later
 * document made of the very same bytes around another string value reads the same but for that string: no other
 * byte differs, so no other field can. A stream's text deltas are such documents (an OpenAI chunk repeats
 * everything but its content, an Anthropic {@code content_block_delta} everything but its text), so a reader that
 * keeps the last one reads each delta's text and compares the rest. Immutable.
 *
 * @param <T> what the reader made of the document
 */
public final class JsonTemplate<T> {

    private final byte[] before;
    private final byte[] after;
    private final T value;

    /**
     * Keeps the document {@code array[offset, offset + length)}.
     *
     * @param stringStart where the string value's opening quote is
     * @param stringEnd where the string value's closing quote ends (whitespace after it may be included)
     * @param value what the reader made of the document
     */
    public JsonTemplate(byte[] array, int offset, int length, int stringStart, int stringEnd, T value) {
        if (offset > stringStart || stringStart >= stringEnd || stringEnd > offset + length) {
            throw new IllegalArgumentException("string [" + stringStart + ", " + stringEnd + ") is not inside the document ["
                    + offset + ", " + (offset + length) + ")");
        }
        this.before = Arrays.copyOfRange(array, offset, stringStart);
        this.after = Arrays.copyOfRange(array, stringEnd, offset + length);
        this.value = value;
    }

    /** What the reader made of the kept document. */
    public T value() {
        return value;
    }

    /**
     * The string value the document {@code array[offset, offset + length)} holds where the kept one held its string,
     * when every other byte is the kept one's (whitespace around the string aside); null otherwise. Reads with
     * {@code cursor}, which it leaves reset to that string's range.
     */
    public @Nullable String string(JsonCursor cursor, byte[] array, int offset, int length) {
        int b = before.length;
        int a = after.length;
        if (length < b + a
                || !Arrays.equals(array, offset, offset + b, before, 0, b)
                || !Arrays.equals(array, offset + length - a, offset + length, after, 0, a)) {
            return null;
        }
        try {
            cursor.reset(array, offset, length).narrow(offset + b, offset + length - a);
            String s = cursor.string();
            return cursor.atEnd() ? s : null;
        } catch (JsonCursor.Mismatch e) {
            return null;
        }
    }
}
