package dev.llmux.provider.anthropic.internal;

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
 * Reads a non-streamed Messages response straight off the parser into {@link AnthropicWire.Message}, instead of
 * data binding. It takes only what it reads exactly as binding would: strings where the record has strings,
 * integers where it has integers, objects where it has JSON trees (read as the trees binding builds); an error,
 * a value of another JSON type (which binding would coerce), a null for a tree, a content entry that is not an
 * object, or anything after the message make it answer null, and the caller binds as before. Stateless.
 */
public final class AnthropicMessageReader {

    private AnthropicMessageReader() {}

    /** The message {@code body} holds, or null when it is not of the plain shape this reader takes. */
    public static AnthropicWire.@Nullable Message read(byte[] body) {
        try (JsonParser p = Json.parser(body)) {
            AnthropicWire.Message m = message(p);
            return m != null && p.nextToken() == null ? m : null;
        } catch (JacksonException | ArithmeticException | IllegalArgumentException e) {
            return null; // malformed or unusual: binding reports it
        }
    }

    private static AnthropicWire.@Nullable Message message(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String[] strings = new String[6]; // id, type, role, model, stop_reason, stop_sequence
        List<AnthropicWire.Block> content = null;
        AnthropicWire.Usage usage = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int slot = switch (name) {
                case "id" -> 0;
                case "type" -> 1;
                case "role" -> 2;
                case "model" -> 3;
                case "stop_reason" -> 4;
                case "stop_sequence" -> 5;
                default -> -1;
            };
            if (slot >= 0) {
                if (t == JsonToken.VALUE_STRING) {
                    strings[slot] = p.getString();
                } else if (t == JsonToken.VALUE_NULL) {
                    strings[slot] = null;
                } else {
                    return null;
                }
                continue;
            }
            switch (name) {
                case "content" -> {
                    if (t != JsonToken.START_ARRAY) {
                        return null;
                    }
                    content = blocks(p);
                    if (content == null) {
                        return null;
                    }
                }
                case "usage" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        usage = null;
                    } else if (t == JsonToken.START_OBJECT) {
                        usage = usage(p);
                        if (usage == null) {
                            return null;
                        }
                    } else {
                        return null;
                    }
                }
                case "error", "stopReason", "stopSequence", "contentOrEmpty" -> {
                    return null; // an error in a 200, and names binding might treat otherwise: bound as before
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
        return new AnthropicWire.Message(strings[0], strings[1], strings[2], strings[3], content, strings[4], strings[5], usage, null);
    }

    private static @Nullable List<AnthropicWire.Block> blocks(JsonParser p) {
        List<AnthropicWire.Block> blocks = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            AnthropicWire.Block b = block(p);
            if (b == null) {
                return null;
            }
            blocks.add(b);
        }
        return blocks;
    }

    private static AnthropicWire.@Nullable Block block(JsonParser p) {
        String[] strings = new String[7]; // type, text, id, name, thinking, signature, data
        JsonNode input = null;
        JsonNode citations = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int slot = switch (name) {
                case "type" -> 0;
                case "text" -> 1;
                case "id" -> 2;
                case "name" -> 3;
                case "thinking" -> 4;
                case "signature" -> 5;
                case "data" -> 6;
                default -> -1;
            };
            if (slot >= 0) {
                if (t == JsonToken.VALUE_STRING) {
                    strings[slot] = p.getString();
                } else if (t == JsonToken.VALUE_NULL) {
                    strings[slot] = null;
                } else {
                    return null;
                }
                continue;
            }
            switch (name) {
                case "input" -> {
                    input = tree(p, t);
                    if (input == null) {
                        return null;
                    }
                }
                case "citations" -> {
                    citations = tree(p, t);
                    if (citations == null) {
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
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new AnthropicWire.Block(strings[0], strings[1], strings[2], strings[3], input, strings[4], strings[5], strings[6], citations);
    }

    private static AnthropicWire.@Nullable Usage usage(JsonParser p) {
        Integer[] counts = new Integer[4]; // input, output, cache creation, cache read
        JsonNode[] trees = new JsonNode[3]; // cache_creation, server_tool_use, output_tokens_details
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int count = switch (name) {
                case "input_tokens" -> 0;
                case "output_tokens" -> 1;
                case "cache_creation_input_tokens" -> 2;
                case "cache_read_input_tokens" -> 3;
                default -> -1;
            };
            if (count >= 0) {
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    counts[count] = p.getIntValue();
                } else if (t == JsonToken.VALUE_NULL) {
                    counts[count] = null;
                } else {
                    return null;
                }
                continue;
            }
            int tree = switch (name) {
                case "cache_creation" -> 0;
                case "server_tool_use" -> 1;
                case "output_tokens_details" -> 2;
                default -> -1;
            };
            if (tree >= 0) {
                trees[tree] = tree(p, t);
                if (trees[tree] == null) {
                    return null;
                }
            } else if (!JsonDocumentParser.skipValue(p, t)) {
                return null;
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new AnthropicWire.Usage(counts[0], counts[1], counts[2], counts[3], trees[0], trees[1], trees[2]);
    }

    /** An object or array as the tree binding builds for a {@link JsonNode} field; null (bind as before) otherwise. */
    private static @Nullable JsonNode tree(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return null;
        }
        return TREE.readValue(p);
    }

    /** Reads one value of a document that goes on after it. */
    private static final ObjectReader TREE = Json.MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
}
