package dev.llmux.provider.bedrock.internal;

import dev.llmux.internal.json.Json;
import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Converse response body straight off its bytes with a {@link JsonCursor} into what
 * {@link ConverseResponseMapper} maps, instead of a JSON tree of the whole body. It takes only what it reads exactly
 * as {@link ConverseResponseMapper#converse} reads the tree: strings where that reads text, integers that fit in an
 * int where it reads counts, one kind of content per block, a tool input that is an object (parsed from its own
 * bytes into the tree the tree path writes back); anything else (a missing part, a value of another JSON type, a
 * null, a part given twice where the tree path would take only one, something after the body, JSON the cursor does
 * not take) makes it answer null, and the caller takes the tree path. Stateless.
 */
public final class ConverseResponseReader {

    private static final JsonNames NAMES = JsonNames.of("output", "stopReason", "usage", "metrics", "message", "role",
            "content", "text", "toolUse", "reasoningContent", "toolUseId", "name", "input", "reasoningText", "redactedContent",
            "signature", "inputTokens", "outputTokens", "totalTokens", "cacheReadInputTokens", "cacheWriteInputTokens",
            "p"); // the padding every stream event carries

    private ConverseResponseReader() {}

    /** The response {@code body} holds, or null when it is not of the plain shape this reader takes. */
    public static ConverseResponseMapper.@Nullable Converse read(byte[] body) {
        JsonCursor c = new JsonCursor().reset(body, 0, body.length);
        try {
            ConverseResponseMapper.Converse converse = converse(c);
            return converse != null && c.atEnd() ? converse : null; // anything after it: the tree path judges
        } catch (JsonCursor.Mismatch | JacksonException e) {
            return null; // malformed or unusual: the tree path reports it
        }
    }

    /**
     * The response object that comes next, read up to its closing brace; null (or {@link JsonCursor.Mismatch}) when
     * it has no {@code output} or {@code stopReason}, or one of {@code output}, {@code stopReason} and {@code usage}
     * is not of the shape this reader takes (a null included). Given twice, the last one counts, as in the tree.
     */
    private static ConverseResponseMapper.@Nullable Converse converse(JsonCursor c) {
        c.expect('{');
        List<ConverseResponseMapper.Block> content = null;
        String stopReason = null;
        ConverseResponseMapper.Counts usage = null;
        if (!c.consume('}')) {
            do {
                switch (c.name(NAMES)) {
                    case "output" -> {
                        content = output(c);
                        if (content == null) {
                            return null;
                        }
                    }
                    case "stopReason" -> stopReason = c.string(); // a null or another value throws
                    case "usage" -> usage = usage(c); // a null or another value throws
                    default -> c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        if (content == null || stopReason == null) {
            return null;
        }
        return new ConverseResponseMapper.Converse(content, stopReason, usage);
    }

    /**
     * {@code output}: the content of its {@code message}; null (or {@link JsonCursor.Mismatch}) when it is not an
     * object, or has no message, or has it twice, or its message is not one this reader takes.
     */
    private static @Nullable List<ConverseResponseMapper.Block> output(JsonCursor c) {
        return onlyField(c, "message", ConverseResponseReader::message);
    }

    /**
     * {@code output.message}: its content blocks; null (or {@link JsonCursor.Mismatch}) when it is not an object, or
     * has no {@code content} array, or has it twice, or a block in it is not one this reader takes.
     */
    private static @Nullable List<ConverseResponseMapper.Block> message(JsonCursor c) {
        return onlyField(c, "content", ConverseResponseReader::blocks);
    }

    /**
     * The one field {@code name} of an object (others skipped), read by {@code reader}; null when the object does
     * not have it, has it twice (the tree path would take the last, the mapping only one), or the reader declines.
     */
    static <T> @Nullable T onlyField(JsonCursor c, String name, Function<JsonCursor, @Nullable T> reader) {
        c.expect('{');
        T value = null;
        if (!c.consume('}')) {
            do {
                if (c.name(NAMES).equals(name)) {
                    if (value != null) {
                        return null;
                    }
                    value = reader.apply(c);
                    if (value == null) {
                        return null;
                    }
                } else {
                    c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return value;
    }

    /**
     * The content array: its blocks of the kinds the mapping uses, in order (a block of another kind, an image or a
     * document, is left out as the tree path leaves it out); null (or {@link JsonCursor.Mismatch}) when it is not an
     * array, or an entry is not an object or not a block this reader takes.
     */
    private static @Nullable List<ConverseResponseMapper.Block> blocks(JsonCursor c) {
        c.expect('[');
        List<ConverseResponseMapper.Block> blocks = new ArrayList<>(2);
        if (c.consume(']')) {
            return blocks;
        }
        do {
            c.expect('{');
            ConverseResponseMapper.Block b = null;
            int kinds = 0;
            if (!c.consume('}')) {
                do {
                    switch (c.name(NAMES)) {
                        case "text" -> {
                            b = new ConverseResponseMapper.Text(c.string()); // a null or another value throws
                            kinds++;
                        }
                        case "toolUse" -> {
                            b = toolUse(c);
                            kinds++;
                        }
                        case "reasoningContent" -> {
                            b = reasoning(c);
                            kinds++;
                            if (b == null) {
                                return null;
                            }
                        }
                        default -> c.skipValue();
                    }
                } while (c.consume(','));
                c.expect('}');
            }
            if (kinds > 1) {
                return null; // a block with two kinds of content (or one twice): the tree path picks one
            }
            if (b != null) {
                blocks.add(b);
            }
        } while (c.consume(','));
        c.expect(']');
        return blocks;
    }

    /**
     * A {@code toolUse} object; {@link JsonCursor.Mismatch} when it is not an object, its {@code toolUseId} or
     * {@code name} is not a string, or its {@code input} is not an object. An absent input is the empty object, as
     * in the tree path.
     */
    private static ConverseResponseMapper.ToolUse toolUse(JsonCursor c) {
        c.expect('{');
        String id = null;
        String name = null;
        String input = null;
        if (!c.consume('}')) {
            do {
                switch (c.name(NAMES)) {
                    case "toolUseId" -> id = c.string();
                    case "name" -> name = c.string();
                    case "input" -> input = Json.writeString(object(c));
                    default -> c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ConverseResponseMapper.ToolUse(id, name, input == null ? "{}" : input);
    }

    /**
     * A {@code reasoningContent} object: its reasoning text or its redacted content; null (or
     * {@link JsonCursor.Mismatch}) when it is not an object, has neither (the tree path adds nothing for it, and
     * neither may this reader), has both or one twice, or one is not of the shape this reader takes.
     */
    private static ConverseResponseMapper.@Nullable Block reasoning(JsonCursor c) {
        c.expect('{');
        ConverseResponseMapper.Block b = null;
        if (!c.consume('}')) {
            do {
                switch (c.name(NAMES)) {
                    case "reasoningText" -> {
                        if (b != null) {
                            return null;
                        }
                        b = reasoningText(c);
                    }
                    case "redactedContent" -> {
                        if (b != null) {
                            return null;
                        }
                        b = new ConverseResponseMapper.Redacted(c.string());
                    }
                    default -> c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return b;
    }

    /**
     * A {@code reasoningText} object, either part absent being null; {@link JsonCursor.Mismatch} when it is not an
     * object or its {@code text} or {@code signature} is not a string.
     */
    private static ConverseResponseMapper.Reasoning reasoningText(JsonCursor c) {
        c.expect('{');
        String text = null;
        String signature = null;
        if (!c.consume('}')) {
            do {
                switch (c.name(NAMES)) {
                    case "text" -> text = c.string();
                    case "signature" -> signature = c.string();
                    default -> c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ConverseResponseMapper.Reasoning(text, signature);
    }

    /**
     * A {@code usage} object, each count absent being zero; {@link JsonCursor.Mismatch} when it is not an object (a
     * null included) or a count is not an integer that fits in an int. Other fields ({@code totalTokens},
     * {@code cacheDetails}) are skipped.
     */
    static ConverseResponseMapper.Counts usage(JsonCursor c) {
        c.expect('{');
        int input = 0;
        int output = 0;
        int cacheRead = 0;
        int cacheWrite = 0;
        if (!c.consume('}')) {
            do {
                switch (c.name(NAMES)) {
                    case "inputTokens" -> input = c.intValue();
                    case "outputTokens" -> output = c.intValue();
                    case "cacheReadInputTokens" -> cacheRead = c.intValue();
                    case "cacheWriteInputTokens" -> cacheWrite = c.intValue();
                    default -> c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ConverseResponseMapper.Counts(input, output, cacheRead, cacheWrite);
    }

    /**
     * An object, as the tree path's tree holds it: parsed from the value's own bytes once the cursor has checked
     * them. {@link JsonCursor.Mismatch} for any other value, a JSON null included.
     */
    private static JsonNode object(JsonCursor c) {
        if (c.peek() != '{') {
            throw JsonCursor.mismatch();
        }
        int start = c.position();
        c.skipValue();
        int end = c.position();
        return Json.MAPPER.readTree(c.bytes(), start, end - start);
    }
}
