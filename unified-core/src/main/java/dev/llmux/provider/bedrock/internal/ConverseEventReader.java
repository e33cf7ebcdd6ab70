package dev.llmux.provider.bedrock.internal;

import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the assembler needs of the plain ConverseStream events straight off their bytes with a
 * {@link JsonCursor} instead of through a JSON tree: the text of a {@code contentBlockDelta} carrying
 * {@code "delta":{"text":"…"}}, the role of {@code messageStart}, the stop reason of {@code messageStop}, the
 * usage counts of {@code metadata}, and that a {@code contentBlockStop} is a JSON object. Each answers null (false)
 * for anything else (tool input, reasoning, a field that is not of the expected type or appears twice where the
 * tree path would take only one, JSON that does not parse), and the assembler then reads the payload as a tree, as
 * before. For a payload it does read, the answer is the one the tree path would take: a delta's {@code text} wins
 * over its other fields there too, and other fields play no part.
 */
final class ConverseEventReader {

    private static final JsonNames NAMES = JsonNames.of("contentBlockIndex", "delta", "text", "p");

    private final JsonCursor cursor = new JsonCursor();

    /** One reader per stream (it reuses one cursor); not thread-safe. */
    ConverseEventReader() {}

    /** The delta's text, or null when the payload is not a plain text delta. */
    @Nullable String text(byte[] payload) {
        try {
            String text = read(cursor.reset(payload, 0, payload.length));
            return text != null && cursor.atEnd() ? text : null;
        } catch (JsonCursor.Mismatch e) {
            return null; // the tree path reads or reports it as it always did
        } finally {
            cursor.clear();
        }
    }

    /** {@code messageStart}'s role when it is a string given once; null otherwise. */
    @Nullable String role(byte[] payload) {
        return read(payload, c -> ConverseResponseReader.onlyField(c, "role", JsonCursor::string));
    }

    /** {@code messageStop}'s stop reason when it is a string given once; null otherwise. */
    @Nullable String stopReason(byte[] payload) {
        return read(payload, c -> ConverseResponseReader.onlyField(c, "stopReason", JsonCursor::string));
    }

    /** {@code metadata}'s usage counts when its usage is an object of integer counts given once; null otherwise. */
    ConverseResponseMapper.@Nullable Counts usage(byte[] payload) {
        return read(payload, c -> ConverseResponseReader.onlyField(c, "usage", ConverseResponseReader::usage));
    }

    /** True when the payload is one JSON object (all a {@code contentBlockStop} needs to be). */
    boolean isObject(byte[] payload) {
        return read(payload, c -> {
            if (c.peek() != '{') {
                return null;
            }
            c.skipValue();
            return Boolean.TRUE;
        }) != null;
    }

    private <T> @Nullable T read(byte[] payload, Function<JsonCursor, @Nullable T> reader) {
        try {
            T value = reader.apply(cursor.reset(payload, 0, payload.length));
            return value != null && cursor.atEnd() ? value : null;
        } catch (JsonCursor.Mismatch e) {
            return null; // the tree path reads or reports it as it always did
        } finally {
            cursor.clear();
        }
    }

    private static @Nullable String read(JsonCursor c) {
        c.expect('{');
        String text = null;
        boolean sawDelta = false;
        if (!c.consume('}')) {
            do {
                if (c.name(NAMES).equals("delta")) {
                    if (sawDelta) {
                        return null;
                    }
                    sawDelta = true;
                    text = deltaText(c);
                    if (text == null) {
                        return null;
                    }
                } else {
                    c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return text;
    }

    private static @Nullable String deltaText(JsonCursor c) {
        c.expect('{');
        String text = null;
        if (!c.consume('}')) {
            do {
                if (c.name(NAMES).equals("text")) {
                    text = c.string();
                } else {
                    c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return text;
    }
}
