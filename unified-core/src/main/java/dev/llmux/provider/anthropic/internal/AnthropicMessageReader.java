package dev.llmux.provider.anthropic.internal;

import dev.llmux.internal.json.Json;
import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a non-streamed Messages response straight off its bytes with a {@link JsonCursor} into
 * {@link AnthropicWire.Message}, instead of data binding. It takes only what it reads exactly as binding would:
 * strings where the record has strings, integers where it has integers, objects or arrays where it has JSON trees
 * (parsed from their own bytes into the trees binding builds); an error, a value of another JSON type (which binding
 * would coerce), a null for a tree, a content entry that is not an object, or anything after the message make it
 * answer null, and the caller binds as before. Its entry points for one message, content block or usage object
 * also serve {@link AnthropicEventReader} for the objects nested in stream events. Stateless.
 */
public final class AnthropicMessageReader {

    private static final JsonNames NAMES = JsonNames.of("id", "type", "role", "model", "content", "stop_reason",
            "stop_sequence", "usage", "error", "text", "name", "input", "thinking", "signature", "data", "citations",
            "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation",
            "server_tool_use", "output_tokens_details");

    private AnthropicMessageReader() {}

    /** The message {@code body} holds, or null when it is not of the plain shape this reader takes. */
    public static AnthropicWire.@Nullable Message read(byte[] body) {
        JsonCursor c = new JsonCursor().reset(body, 0, body.length);
        try {
            AnthropicWire.Message m = message(c);
            return m != null && c.atEnd() ? m : null; // anything after it: binding judges
        } catch (JsonCursor.Mismatch | JacksonException e) {
            return null; // malformed or unusual: binding reports it
        }
    }

    /**
     * The message object that comes next in {@code c}, read up to its closing brace; null (or {@link JsonCursor.Mismatch})
     * when it is not of the plain shape this reader takes: an {@code error}, a value of another JSON type than the
     * field's, a content that is not an array (null included) or holds a block it does not take, or a usage it does not take.
     */
    static AnthropicWire.@Nullable Message message(JsonCursor c) {
        c.expect('{');
        String id = null;
        String type = null;
        String role = null;
        String model = null;
        String stopReason = null;
        String stopSequence = null;
        List<AnthropicWire.Block> content = null;
        AnthropicWire.Usage usage = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "id" -> id = c.stringOrNull();
                    case "type" -> type = c.stringOrNull();
                    case "role" -> role = c.stringOrNull();
                    case "model" -> model = c.stringOrNull();
                    case "stop_reason" -> stopReason = c.stringOrNull();
                    case "stop_sequence" -> stopSequence = c.stringOrNull();
                    case "content" -> {
                        content = blocks(c);
                        if (content == null) {
                            return null;
                        }
                    }
                    case "usage" -> {
                        if (c.consumeNull()) {
                            usage = null;
                        } else {
                            usage = usage(c);
                            if (usage == null) {
                                return null;
                            }
                        }
                    }
                    case "error", "stopReason", "stopSequence", "contentOrEmpty" -> {
                        return null; // an error in a 200, and names binding might treat otherwise: bound as before
                    }
                    default -> c.skipValue(); // not a field of Message: binding ignores it too
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new AnthropicWire.Message(id, type, role, model, content, stopReason, stopSequence, usage, null);
    }

    /** A content array of blocks this reader takes; null for a null or another value, or a block it does not take. */
    private static @Nullable List<AnthropicWire.Block> blocks(JsonCursor c) {
        if (!c.consume('[')) {
            return null;
        }
        List<AnthropicWire.Block> blocks = new ArrayList<>(2);
        if (c.consume(']')) {
            return blocks;
        }
        do {
            AnthropicWire.Block b = block(c);
            if (b == null) {
                return null;
            }
            blocks.add(b);
        } while (c.consume(','));
        c.expect(']');
        return blocks;
    }

    /**
     * The content block object that comes next in {@code c}, read up to its closing brace; null (or
     * {@link JsonCursor.Mismatch}) when it is not an object, a string field holds another value than a string or
     * null, or {@code input} or {@code citations} is not an object or array.
     */
    static AnthropicWire.@Nullable Block block(JsonCursor c) {
        c.expect('{');
        String type = null;
        String text = null;
        String id = null;
        String toolName = null;
        String thinking = null;
        String signature = null;
        String data = null;
        JsonNode input = null;
        JsonNode citations = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "type" -> type = c.stringOrNull();
                    case "text" -> text = c.stringOrNull();
                    case "id" -> id = c.stringOrNull();
                    case "name" -> toolName = c.stringOrNull();
                    case "thinking" -> thinking = c.stringOrNull();
                    case "signature" -> signature = c.stringOrNull();
                    case "data" -> data = c.stringOrNull();
                    case "input" -> {
                        input = tree(c);
                        if (input == null) {
                            return null;
                        }
                    }
                    case "citations" -> {
                        citations = tree(c);
                        if (citations == null) {
                            return null;
                        }
                    }
                    default -> c.skipValue(); // not a field of Block: binding ignores it too
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new AnthropicWire.Block(type, text, id, toolName, input, thinking, signature, data, citations);
    }

    /**
     * The usage object that comes next in {@code c}, read up to its closing brace; null (or {@link JsonCursor.Mismatch})
     * when it is not an object, a count is not an integer that fits in an int or null, or {@code cache_creation},
     * {@code server_tool_use} or {@code output_tokens_details} is not an object or array.
     */
    static AnthropicWire.@Nullable Usage usage(JsonCursor c) {
        c.expect('{');
        Integer input = null;
        Integer output = null;
        Integer cacheCreationInput = null;
        Integer cacheReadInput = null;
        JsonNode cacheCreation = null;
        JsonNode serverToolUse = null;
        JsonNode outputDetails = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "input_tokens" -> input = count(c);
                    case "output_tokens" -> output = count(c);
                    case "cache_creation_input_tokens" -> cacheCreationInput = count(c);
                    case "cache_read_input_tokens" -> cacheReadInput = count(c);
                    case "cache_creation" -> {
                        if ((cacheCreation = tree(c)) == null) {
                            return null;
                        }
                    }
                    case "server_tool_use" -> {
                        if ((serverToolUse = tree(c)) == null) {
                            return null;
                        }
                    }
                    case "output_tokens_details" -> {
                        if ((outputDetails = tree(c)) == null) {
                            return null;
                        }
                    }
                    default -> c.skipValue(); // not a field of Usage (service_tier, …): binding ignores it too
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new AnthropicWire.Usage(input, output, cacheCreationInput, cacheReadInput, cacheCreation, serverToolUse, outputDetails);
    }

    /** A count: an integer that fits in an int, or null; anything else (which binding would coerce or reject) throws. */
    private static @Nullable Integer count(JsonCursor c) {
        return c.consumeNull() ? null : c.intValue();
    }

    /**
     * An object or array as the tree binding builds for a {@link JsonNode} field, parsed from the value's own bytes
     * once the cursor has checked them; null (bind as before) for any other value, a JSON null included.
     */
    private static @Nullable JsonNode tree(JsonCursor c) {
        byte first = c.peek();
        if (first != '{' && first != '[') {
            return null;
        }
        int start = c.position();
        c.skipValue();
        int end = c.position();
        return Json.MAPPER.readTree(c.bytes(), start, end - start);
    }
}
