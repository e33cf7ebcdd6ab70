package dev.llmux.provider.bedrock.internal;

import dev.llmux.internal.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the text of the commonest ConverseStream event, a {@code contentBlockDelta} carrying
 * {@code "delta":{"text":"…"}}, straight off the parser instead of through a JSON tree. It answers null for
 * anything else (tool input, reasoning, a delta that is not an object or appears twice, a text that is not a
 * string, JSON that does not parse), and the assembler then reads the payload as a tree, as before. For a
 * payload it does read, the text is the one the tree path would take: a delta's {@code text} wins over its
 * other fields there too, and fields outside {@code delta} play no part in a text delta.
 */
final class ConverseDeltaReader {

    private ConverseDeltaReader() {}

    static @Nullable String text(byte[] payload) {
        try (JsonParser p = Json.parser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String text = null;
            boolean sawDelta = false;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken t = p.nextToken();
                if (name.equals("delta")) {
                    if (sawDelta || t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    sawDelta = true;
                    text = deltaText(p);
                    if (text == null) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return p.nextToken() == null ? text : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String deltaText(JsonParser p) {
        String text = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("text")) {
                if (t != JsonToken.VALUE_STRING) {
                    return null;
                }
                text = p.getString();
            } else {
                p.skipChildren();
            }
        }
        return text;
    }
}
