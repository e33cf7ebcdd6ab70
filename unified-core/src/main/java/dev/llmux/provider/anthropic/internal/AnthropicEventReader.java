package dev.llmux.provider.anthropic.internal;

import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import dev.llmux.internal.json.JsonTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Reads stream events straight off their bytes with a {@link JsonCursor}, without the JSON tree and data binding of
 * the general path ({@link AnthropicStreams#tree}, {@link AnthropicStreams#bind}): the deltas, stops and pings a
 * stream is mostly made of, and the nested message, content block and usage of {@code message_start},
 * {@code content_block_start} and {@code message_delta} (read by {@link AnthropicMessageReader}'s entry points).
 * Anything it cannot read exactly as that path would (an error; a nested object that reader does not take; a value
 * of an unexpected JSON type; a missing or null type) makes it answer null, and the caller takes the general path;
 * so what it returns always equals what the general path builds from the same event.
 */
final class AnthropicEventReader {

    private static final JsonNames NAMES = JsonNames.of("type", "index", "delta", "message", "content_block",
            "usage", "error", "text", "partial_json", "thinking", "signature", "stop_reason", "stop_sequence");

    private final JsonCursor cursor = new JsonCursor();
    /** The previous event's type and delta type, which most events repeat: reused, not rebuilt. */
    private final JsonCursor.Last lastType = new JsonCursor.Last();
    private final JsonCursor.Last lastDeltaType = new JsonCursor.Last();

    /**
     * The last text delta read in full (and its SSE event name, which may give the type): an event that differs
     * from it only in its text is read from it.
     */
    private @Nullable JsonTemplate<AnthropicWire.Event> lastDelta;
    private @Nullable String lastDeltaSseEvent;
    /** The delta text strings the event being read has had so far, and where the last one lay. */
    private int textStrings;
    private int textStart;
    private int textEnd;

    /** One reader per stream (it reuses one cursor); not thread-safe. */
    AnthropicEventReader() {}

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
        try {
            JsonTemplate<AnthropicWire.Event> previous = lastDelta;
            if (previous != null && Objects.equals(sseEvent, lastDeltaSseEvent)) {
                String text = previous.string(cursor, array, offset, length);
                if (text != null) {
                    return withText(previous.value(), text);
                }
            }
            textStrings = 0;
            AnthropicWire.Event e = event(cursor.reset(array, offset, length), sseEvent);
            if (e == null || !cursor.atEnd()) {
                return null;
            }
            // one text string, and it is the one the event's delta holds: the next delta may differ only there
            if (textStrings == 1 && e.delta() != null && e.delta().text() != null) {
                lastDelta = new JsonTemplate<>(array, offset, length, textStart, textEnd, e);
                lastDeltaSseEvent = sseEvent;
            }
            return e;
        } catch (JsonCursor.Mismatch | JacksonException | ArithmeticException ex) {
            return null; // malformed or unusual: the general path reads or reports it
        } finally {
            cursor.clear();
        }
    }

    private AnthropicWire.@Nullable Event event(JsonCursor c, @Nullable String sseEvent) {
        c.expect('{');
        String type = null;
        boolean sawType = false;
        Integer index = null;
        AnthropicWire.Delta delta = null;
        AnthropicWire.Message message = null;
        AnthropicWire.Block block = null;
        AnthropicWire.Usage usage = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "type" -> {
                        type = c.string(lastType);
                        sawType = true;
                    }
                    case "index" -> index = c.intValue();
                    case "delta" -> {
                        if (c.consumeNull()) {
                            delta = null;
                        } else {
                            delta = delta(c);
                        }
                    }
                    case "message" -> {
                        if (c.consumeNull()) {
                            message = null;
                        } else if ((message = AnthropicMessageReader.message(c)) == null) {
                            return null;
                        }
                    }
                    case "content_block" -> {
                        if (c.consumeNull()) {
                            block = null;
                        } else if ((block = AnthropicMessageReader.block(c)) == null) {
                            return null;
                        }
                    }
                    case "usage" -> {
                        if (c.consumeNull()) {
                            usage = null;
                        } else if ((usage = AnthropicMessageReader.usage(c)) == null) {
                            return null;
                        }
                    }
                    case "error" -> {
                        if (!c.consumeNull()) {
                            return null; // an error event: the general path maps it
                        }
                    }
                    default -> c.skipValue(); // not a field of Event: data binding ignores it too
                }
            } while (c.consume(','));
            c.expect('}');
        }
        if (!sawType) {
            if (sseEvent == null) {
                return null;
            }
            type = sseEvent;
        }
        return new AnthropicWire.Event(type, message, index, block, delta, usage, null);
    }

    /** The event {@code template} with {@code text} in its delta instead of its own. */
    private static AnthropicWire.Event withText(AnthropicWire.Event template, String text) {
        AnthropicWire.Delta d = Objects.requireNonNull(template.delta());
        AnthropicWire.Delta delta = new AnthropicWire.Delta(d.type(), text, d.partialJson(), d.thinking(), d.signature(),
                d.stopReason(), d.stopSequence());
        return new AnthropicWire.Event(template.type(), template.message(), template.index(), template.contentBlock(),
                delta, template.usage(), template.error());
    }

    /** A delta's string fields; a number or structure where a string belongs is the general path's to judge. */
    private AnthropicWire.Delta delta(JsonCursor c) {
        c.expect('{');
        String type = null;
        String text = null;
        String partialJson = null;
        String thinking = null;
        String signature = null;
        String stopReason = null;
        String stopSequence = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "type" -> type = c.consumeNull() ? null : c.string(lastDeltaType);
                    case "text" -> {
                        if (c.consumeNull()) {
                            text = null;
                        } else {
                            textStart = c.position();
                            text = c.string();
                            textEnd = c.position();
                            textStrings++;
                        }
                    }
                    case "partial_json" -> partialJson = c.stringOrNull();
                    case "thinking" -> thinking = c.stringOrNull();
                    case "signature" -> signature = c.stringOrNull();
                    case "stop_reason" -> stopReason = c.stringOrNull();
                    case "stop_sequence" -> stopSequence = c.stringOrNull();
                    default -> c.skipValue(); // citations and later fields: not in Delta, ignored by binding too
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new AnthropicWire.Delta(type, text, partialJson, thinking, signature, stopReason, stopSequence);
    }
}
