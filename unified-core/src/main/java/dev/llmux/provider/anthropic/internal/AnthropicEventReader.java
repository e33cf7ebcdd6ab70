package dev.llmux.provider.anthropic.internal;

import dev.llmux.internal.json.JsonDocumentParser;
import dev.llmux.internal.json.Utf8;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the events a stream is mostly made of ({@code content_block_delta}, {@code content_block_stop},
 * {@code ping}) straight off the parser, without the JSON tree and data binding of the general path
 * ({@link AnthropicStreams#tree}, {@link AnthropicStreams#bind}). Anything it cannot read exactly as that path
 * would (a nested message, block, usage or error; a value of an unexpected JSON type; a missing or null type)
 * makes it answer null, and the caller takes the general path; so what it returns always equals what the
 * general path builds from the same event.
 */
final class AnthropicEventReader {

    private final JsonDocumentParser documents = new JsonDocumentParser();
    /** The previous event's type and delta type, which most events repeat: reused, not rebuilt. */
    private @Nullable String lastType;
    private @Nullable String lastDeltaType;

    /** One reader per stream (it reuses one parser); not thread-safe. */
    AnthropicEventReader() {}

    /** At the end of the stream: releases the parser (see {@link JsonDocumentParser#close}). */
    void close() {
        documents.close();
    }

    /** As {@link #read(byte[], String)} for text. */
    AnthropicWire.@Nullable Event read(String data, @Nullable String sseEvent) {
        return read(data.getBytes(StandardCharsets.UTF_8), sseEvent);
    }

    /**
     * @param data the SSE data, UTF-8
     * @param sseEvent the SSE event name, the type when the data has none
     * @return the event, or null when it is not of the plain shape this reader takes
     */
    AnthropicWire.@Nullable Event read(byte[] data, @Nullable String sseEvent) {
        return read(data, 0, data.length, sseEvent);
    }

    /** As {@link #read(byte[], String)} for the data in {@code array[offset, offset + length)}. */
    AnthropicWire.@Nullable Event read(byte[] array, int offset, int length, @Nullable String sseEvent) {
        if (!Utf8.isWellFormed(array, offset, length)) {
            return null; // the general path decodes it as it always did
        }
        AnthropicWire.Event e;
        try {
            e = event(documents.begin(array, offset, length), sseEvent);
        } catch (JacksonException | ArithmeticException ex) {
            e = null;
        }
        if (e == null) {
            documents.discard();
            return null;
        }
        return documents.end() ? e : null;
    }

    private AnthropicWire.@Nullable Event event(JsonParser p, @Nullable String sseEvent) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String type = null;
        boolean sawType = false;
        Integer index = null;
        AnthropicWire.Delta delta = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "type" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    type = lastType = JsonDocumentParser.sameOrNew(p, lastType);
                    sawType = true;
                }
                case "index" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    index = p.getIntValue();
                }
                case "delta" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        delta = null;
                    } else {
                        delta = delta(p);
                        if (delta == null) {
                            return null;
                        }
                    }
                }
                case "message", "content_block", "usage", "error" -> {
                    if (t != JsonToken.VALUE_NULL) {
                        return null; // nested records: the general path
                    }
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) { // not a field of Event: data binding ignores it too
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        if (!sawType) {
            if (sseEvent == null) {
                return null;
            }
            type = sseEvent;
        }
        return new AnthropicWire.Event(type, null, index, null, delta, null, null);
    }

    private AnthropicWire.@Nullable Delta delta(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String type = null;
        String text = null;
        String partialJson = null;
        String thinking = null;
        String signature = null;
        String stopReason = null;
        String stopSequence = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "type", "text", "partial_json", "thinking", "signature", "stop_reason", "stop_sequence" -> {
                    String v;
                    if (t == JsonToken.VALUE_STRING && name.equals("type")) {
                        v = lastDeltaType = JsonDocumentParser.sameOrNew(p, lastDeltaType);
                    } else if (t == JsonToken.VALUE_STRING) {
                        v = p.getString();
                    } else if (t == JsonToken.VALUE_NULL) {
                        v = null;
                    } else {
                        return null; // a number or structure where a string belongs: the general path decides
                    }
                    switch (name) {
                        case "type" -> type = v;
                        case "text" -> text = v;
                        case "partial_json" -> partialJson = v;
                        case "thinking" -> thinking = v;
                        case "signature" -> signature = v;
                        case "stop_reason" -> stopReason = v;
                        default -> stopSequence = v;
                    }
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) { // citations and later fields: not in Delta, ignored by binding too
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new AnthropicWire.Delta(type, text, partialJson, thinking, signature, stopReason, stopSequence);
    }
}
