package dev.llmux.internal.json;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;

/**
 * One streaming JSON parser reused for a sequence of small documents (a stream's events), instead of a new parser
 * per document: Jackson's parser, its I/O context, name table and read contexts cost several hundred bytes each
 * time. Built on Jackson's non-blocking parser, fed one whole document at a time.
 *
 * <p>Use: {@link #begin} with a document's bytes, read its one root value from the returned parser, then
 * {@link #end}, which says whether the document held that value and nothing else. If reading stops early (an
 * exception, a shape the reader does not take), call {@link #discard}: the next {@code begin} starts a fresh
 * parser. Not thread-safe: one per stream.
 */
public final class JsonDocumentParser {

    private @Nullable JsonParser parser;
    /** Bytes fed to the current parser, in all. */
    private long fed;
    private byte[] input = new byte[0];
    private int inputEnd;

    /** The parser, positioned before the document's first token. The bytes must not change until {@link #end}. */
    public JsonParser begin(byte[] document) {
        return begin(document, 0, document.length);
    }

    /** As {@link #begin(byte[])} for the document in {@code array[offset, offset + length)}. */
    public JsonParser begin(byte[] array, int offset, int length) {
        JsonParser p = parser;
        if (p == null) {
            p = Json.MAPPER.tokenStreamFactory().createNonBlockingByteArrayParser(ObjectReadContext.empty());
            parser = p;
            fed = 0;
        }
        ((ByteArrayFeeder) p.nonBlockingInputFeeder()).feedInput(array, offset, offset + length);
        fed += length;
        input = array;
        inputEnd = offset + length;
        return p;
    }

    /**
     * After the root value's last token: true when only whitespace followed it in the document (the parser is
     * then ready for the next one); false when more followed (the parser is discarded).
     */
    public boolean end() {
        JsonParser p = Objects.requireNonNull(parser, "begin first");
        try {
            long consumed = p.currentLocation().getByteOffset();
            int from = inputEnd - (int) (fed - consumed);
            if (from < 0) {
                discard();
                return false;
            }
            for (int i = from; i < inputEnd; i++) {
                byte b = input[i];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    discard();
                    return false;
                }
            }
            // Consume that whitespace: the parser then waits for the next document.
            if (p.nextToken() != JsonToken.NOT_AVAILABLE) {
                discard();
                return false;
            }
            input = EMPTY;
            return true;
        } catch (JacksonException e) {
            discard();
            return false;
        }
    }

    /**
     * Closes the parser at the end of the stream. Jackson then adds the property names it learned to the shared
     * name table, so the next stream's parser finds them there instead of copying the table to add them.
     */
    public void close() {
        discard();
    }

    /** Drops the parser (reading stopped mid-document); the next {@link #begin} starts afresh. */
    public void discard() {
        JsonParser p = parser;
        parser = null;
        input = EMPTY;
        if (p != null) {
            try {
                p.close();
            } catch (JacksonException ignored) {
                // nothing to release that matters
            }
        }
    }

    /**
     * Skips the value whose first token {@code current} was just read (a whole object or array when it is a start
     * token); false when the document ends inside it. Unlike {@code JsonParser.skipChildren}, safe on a non-blocking parser whose input ran out.
     */
    public static boolean skipValue(JsonParser p, @Nullable JsonToken current) {
        JsonToken t = current;
        if (t == null || t == JsonToken.NOT_AVAILABLE) {
            return false;
        }
        if (!t.isStructStart()) {
            return true;
        }
        int depth = 1;
        while (depth > 0) {
            t = p.nextToken();
            if (t == null || t == JsonToken.NOT_AVAILABLE) {
                return false;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
        }
        return true;
    }

    /**
     * The current string value; {@code previous} itself when it is the same text. A stream repeats its ids, types
     * and model names in every event: comparing the parser's characters costs nothing, a new String does.
     */
    public static String sameOrNew(JsonParser p, @Nullable String previous) {
        if (previous != null) {
            int length = p.getStringLength();
            if (length == previous.length()) {
                char[] chars = p.getStringCharacters();
                int offset = p.getStringOffset();
                int i = 0;
                while (i < length && chars[offset + i] == previous.charAt(i)) {
                    i++;
                }
                if (i == length) {
                    return previous;
                }
            }
        }
        return p.getString();
    }

    private static final byte[] EMPTY = new byte[0];
}
