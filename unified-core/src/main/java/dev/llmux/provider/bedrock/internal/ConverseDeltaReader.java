package dev.llmux.provider.bedrock.internal;

import dev.llmux.internal.json.JsonDocumentParser;
import dev.llmux.internal.json.Utf8;
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

    private final JsonDocumentParser documents = new JsonDocumentParser();

    /** One reader per stream (it reuses one parser); not thread-safe. */
    ConverseDeltaReader() {}

    /** At the end of the stream: releases the parser (see {@link JsonDocumentParser#close}). */
    void close() {
        documents.close();
    }

    /** The delta's text, or null when the payload is not a plain text delta. */
    @Nullable String text(byte[] payload) {
        if (!Utf8.isWellFormed(payload)) {
            return null; // the tree path reports it as it always did
        }
        String text;
        try {
            text = read(documents.begin(payload));
        } catch (JacksonException e) {
            text = null;
        }
        if (text == null) {
            documents.discard();
            return null;
        }
        return documents.end() ? text : null;
    }

    private static @Nullable String read(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String text = null;
        boolean sawDelta = false;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
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
            } else if (!JsonDocumentParser.skipValue(p, t)) {
                return null;
            }
        }
        return end == JsonToken.END_OBJECT ? text : null;
    }

    private static @Nullable String deltaText(JsonParser p) {
        String text = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("text")) {
                if (t != JsonToken.VALUE_STRING) {
                    return null;
                }
                text = p.getString();
            } else if (!JsonDocumentParser.skipValue(p, t)) {
                return null;
            }
        }
        return end == JsonToken.END_OBJECT ? text : null;
    }
}
