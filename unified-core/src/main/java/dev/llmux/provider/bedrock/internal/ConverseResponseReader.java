package dev.llmux.provider.bedrock.internal;

import dev.llmux.internal.json.Json;
import dev.llmux.internal.json.JsonDocumentParser;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Reads a Converse response body straight off the parser into what {@link ConverseResponseMapper} maps, instead
 * of a JSON tree of the whole body. It takes only what it reads exactly as {@link ConverseResponseMapper#converse}
 * reads the tree: strings where that reads text, integers where it reads counts, one kind of content per block,
 * a tool input that is an object (read and written back as the tree path does); anything else (a missing part,
 * a value of another JSON type, a null, something after the body) makes it answer null, and the caller takes the
 * tree path. Stateless.
 */
public final class ConverseResponseReader {

    private ConverseResponseReader() {}

    /** The response {@code body} holds, or null when it is not of the plain shape this reader takes. */
    public static ConverseResponseMapper.@Nullable Converse read(byte[] body) {
        try (JsonParser p = Json.parser(body)) {
            ConverseResponseMapper.Converse c = converse(p);
            return c != null && p.nextToken() == null ? c : null;
        } catch (JacksonException | ArithmeticException | IllegalArgumentException e) {
            return null; // malformed or unusual: the tree path reports it
        }
    }

    private static ConverseResponseMapper.@Nullable Converse converse(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        List<ConverseResponseMapper.Block> content = null;
        String stopReason = null;
        ConverseResponseMapper.Counts usage = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "output" -> {
                    content = t == JsonToken.START_OBJECT ? output(p) : null;
                    if (content == null) {
                        return null;
                    }
                }
                case "stopReason" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    stopReason = p.getString();
                }
                case "usage" -> {
                    usage = t == JsonToken.START_OBJECT ? usage(p) : null;
                    if (usage == null) {
                        return null;
                    }
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) {
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT || content == null || stopReason == null) {
            return null;
        }
        return new ConverseResponseMapper.Converse(content, stopReason, usage);
    }

    /** {@code output}: the content of its {@code message}; null when it has none (or twice). */
    private static @Nullable List<ConverseResponseMapper.Block> output(JsonParser p) {
        List<ConverseResponseMapper.Block> content = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("message")) {
                if (t != JsonToken.START_OBJECT || content != null) {
                    return null;
                }
                content = message(p);
                if (content == null) {
                    return null;
                }
            } else if (!JsonDocumentParser.skipValue(p, t)) {
                return null;
            }
        }
        return end == JsonToken.END_OBJECT ? content : null;
    }

    private static @Nullable List<ConverseResponseMapper.Block> message(JsonParser p) {
        List<ConverseResponseMapper.Block> content = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("content")) {
                if (t != JsonToken.START_ARRAY || content != null) {
                    return null;
                }
                content = blocks(p);
                if (content == null) {
                    return null;
                }
            } else if (!JsonDocumentParser.skipValue(p, t)) {
                return null;
            }
        }
        return end == JsonToken.END_OBJECT ? content : null;
    }

    private static @Nullable List<ConverseResponseMapper.Block> blocks(JsonParser p) {
        List<ConverseResponseMapper.Block> blocks = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            ConverseResponseMapper.Block b = null;
            int kinds = 0;
            JsonToken end;
            while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "text" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        b = new ConverseResponseMapper.Text(p.getString());
                        kinds++;
                    }
                    case "toolUse" -> {
                        b = v == JsonToken.START_OBJECT ? toolUse(p) : null;
                        kinds++;
                        if (b == null) {
                            return null;
                        }
                    }
                    case "reasoningContent" -> {
                        b = v == JsonToken.START_OBJECT ? reasoning(p) : null;
                        kinds++;
                        if (b == null) {
                            return null;
                        }
                    }
                    default -> {
                        if (!JsonDocumentParser.skipValue(p, v)) {
                            return null;
                        }
                    }
                }
            }
            if (end != JsonToken.END_OBJECT || kinds > 1) {
                return null; // a block with two kinds of content: the tree path picks one
            }
            if (b != null) {
                blocks.add(b); // a block of another type (an image, a document) is not mapped
            }
        }
        return blocks;
    }

    private static ConverseResponseMapper.@Nullable ToolUse toolUse(JsonParser p) {
        String id = null;
        String name = null;
        String input = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "toolUseId", "name" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    if (field.equals("name")) {
                        name = p.getString();
                    } else {
                        id = p.getString();
                    }
                }
                case "input" -> {
                    if (t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    JsonNode tree = TREE.readValue(p);
                    input = Json.writeString(tree);
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) {
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new ConverseResponseMapper.ToolUse(id, name, input == null ? "{}" : input);
    }

    private static ConverseResponseMapper.@Nullable Block reasoning(JsonParser p) {
        ConverseResponseMapper.Block b = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "reasoningText" -> {
                    if (t != JsonToken.START_OBJECT || b != null) {
                        return null;
                    }
                    b = reasoningText(p);
                    if (b == null) {
                        return null;
                    }
                }
                case "redactedContent" -> {
                    if (t != JsonToken.VALUE_STRING || b != null) {
                        return null;
                    }
                    b = new ConverseResponseMapper.Redacted(p.getString());
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) {
                        return null;
                    }
                }
            }
        }
        // neither part: the tree path adds nothing for it, and neither may this reader
        return end == JsonToken.END_OBJECT && b != null ? b : null;
    }

    private static ConverseResponseMapper.@Nullable Reasoning reasoningText(JsonParser p) {
        String text = null;
        String signature = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "text", "signature" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    if (field.equals("text")) {
                        text = p.getString();
                    } else {
                        signature = p.getString();
                    }
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) {
                        return null;
                    }
                }
            }
        }
        return end == JsonToken.END_OBJECT ? new ConverseResponseMapper.Reasoning(text, signature) : null;
    }

    private static ConverseResponseMapper.@Nullable Counts usage(JsonParser p) {
        int[] counts = new int[4];
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            int slot = switch (field) {
                case "inputTokens" -> 0;
                case "outputTokens" -> 1;
                case "cacheReadInputTokens" -> 2;
                case "cacheWriteInputTokens" -> 3;
                default -> -1;
            };
            if (slot >= 0) {
                if (t != JsonToken.VALUE_NUMBER_INT) {
                    return null;
                }
                counts[slot] = p.getIntValue();
            } else if (!JsonDocumentParser.skipValue(p, t)) {
                return null;
            }
        }
        return end == JsonToken.END_OBJECT ? new ConverseResponseMapper.Counts(counts[0], counts[1], counts[2], counts[3]) : null;
    }

    /** Reads one value of a document that goes on after it. */
    private static final ObjectReader TREE = Json.MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
}
