package dev.llmux.provider.bedrock.internal;

import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of the commonest ConverseStream event, a {@code contentBlockDelta} carrying
 * {@code "delta":{"text":"…"}}, straight off its bytes with a {@link JsonCursor} instead of through a JSON tree. It answers null for
 * anything else (tool input, reasoning, a delta that is not an object or appears twice, a text that is not a
 * string, JSON that does not parse), and the assembler then reads the payload as a tree, as before. For a
 * payload it does read, the text is the one the tree path would take: a delta's {@code text} wins over its
 * other fields there too, and fields outside {@code delta} play no part in a text delta.
 */
final class ConverseDeltaReader {

    private static final JsonNames NAMES = JsonNames.of("contentBlockIndex", "delta", "text", "p");

    private final JsonCursor cursor = new JsonCursor();

    /** One reader per stream (it reuses one cursor); not thread-safe. */
    ConverseDeltaReader() {}

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
