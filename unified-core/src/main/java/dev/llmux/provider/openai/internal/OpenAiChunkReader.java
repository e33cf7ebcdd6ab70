package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.JsonDocumentParser;
import dev.llmux.internal.json.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the plain, common stream chunk (text deltas, a role, a finish reason) straight off the parser into a
 * {@link ChatChunk}, without the JSON tree and the data binding the general path goes through (which cost several
 * kilobytes per chunk), and the closing chunk's plain usage ({@link OpenAiUsageReader}). It accepts only what it can
 * read exactly as the general path would: any other shape (an error object, usage with a cost or other unusual
 * fields, tool calls, {@code reasoning}, logprobs, missing bookkeeping fields, non-string extra fields, a dialect
 * that rewrites responses) makes it answer null, and the caller takes the general path. So what it returns is
 * always equal to what {@link OpenAiResponseMapper#chunk} builds from the same text.
 */
final class OpenAiChunkReader {

    private static final ClassValue<Boolean> REWRITES_RESPONSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("adaptResponse", ObjectNode.class).getDeclaringClass() != OpenAiDialect.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    /** The previous chunk's bookkeeping strings, which every chunk of a stream repeats: reused, not rebuilt. */
    private @Nullable String lastId;
    private @Nullable String lastObject;
    private @Nullable String lastModel;
    private @Nullable String lastFingerprint;

    private final JsonDocumentParser documents = new JsonDocumentParser();

    /** One reader per stream (it reuses one parser and the previous chunk's strings); not thread-safe. */
    OpenAiChunkReader() {}

    /** True when this reader may be used for the dialect: it leaves responses as OpenAI sends them. */
    static boolean supports(OpenAiDialect dialect) {
        return !dialect.adaptsResponses();
    }

    /** True when the dialect type overrides {@link OpenAiDialect#adaptResponse}. */
    static boolean overridesAdaptResponse(Class<? extends OpenAiDialect> type) {
        return REWRITES_RESPONSES.get(type);
    }

    /** The chunk {@code data} holds, or null when it is not of the plain shape this reader takes. */
    @Nullable ChatChunk read(String data) {
        return read(data.getBytes(StandardCharsets.UTF_8));
    }

    /** At the end of the stream: releases the parser (see {@link JsonDocumentParser#close}). */
    void close() {
        documents.close();
    }

    /** The chunk the UTF-8 {@code data} holds, or null when it is not of the plain shape this reader takes. */
    @Nullable ChatChunk read(byte[] data) {
        return read(data, 0, data.length);
    }

    /** As {@link #read(byte[])} for the data in {@code array[offset, offset + length)}. */
    @Nullable ChatChunk read(byte[] array, int offset, int length) {
        if (!Utf8.isWellFormed(array, offset, length)) {
            return null; // the general path decodes it as it always did (U+FFFD for what is malformed)
        }
        ChatChunk chunk;
        try {
            chunk = chunk(documents.begin(array, offset, length));
        } catch (JacksonException | ArithmeticException e) {
            chunk = null; // malformed or unusual: the general path reports it
        }
        if (chunk == null) {
            documents.discard();
            return null;
        }
        return documents.end() ? chunk : null; // anything after the object: let the general path judge
    }

    private @Nullable ChatChunk chunk(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String id = null;
        String object = null;
        String model = null;
        String fingerprint = null;
        long created = 0;
        boolean sawCreated = false;
        List<ChatChunk.ChunkChoice> choices = null;
        Usage usage = null;
        List<Object> extra = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    id = lastId = JsonDocumentParser.sameOrNew(p, lastId);
                }
                case "object" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    object = lastObject = JsonDocumentParser.sameOrNew(p, lastObject);
                }
                case "model" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    model = lastModel = JsonDocumentParser.sameOrNew(p, lastModel);
                }
                case "created" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    created = p.getLongValue();
                    sawCreated = true;
                }
                case "system_fingerprint" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        fingerprint = lastFingerprint = JsonDocumentParser.sameOrNew(p, lastFingerprint);
                    } else if (t == JsonToken.VALUE_NULL) {
                        fingerprint = null;
                    } else {
                        return null;
                    }
                }
                case "choices" -> {
                    if (t != JsonToken.START_ARRAY) {
                        return null;
                    }
                    choices = choices(p);
                    if (choices == null) {
                        return null;
                    }
                }
                case "usage" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        usage = null;
                    } else {
                        usage = OpenAiUsageReader.read(p, t);
                        if (usage == null) {
                            return null; // a cost, fractional counts, other fields: the general path
                        }
                    }
                }
                case "text", "extra", "callInfo" -> {
                    return null; // names data binding treats specially (ignored properties)
                }
                default -> {
                    extra = extra(p, t, name, extra);
                    if (extra == null) {
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null; // the document ended inside the object
        }
        if (id == null || model == null || !sawCreated || choices == null) {
            return null; // the general path fills in what is missing
        }
        return new ChatChunk(id, object, created, model, fingerprint, choices, usage, asMap(extra), null);
    }

    /** The choices array's elements; usually one, kept in a one-element list (which ChatChunk keeps as is). */
    private static @Nullable List<ChatChunk.ChunkChoice> choices(JsonParser p) {
        ChatChunk.ChunkChoice first = null;
        List<ChatChunk.ChunkChoice> all = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            ChatChunk.ChunkChoice c = choice(p);
            if (c == null) {
                return null;
            }
            if (first == null) {
                first = c;
            } else {
                if (all == null) {
                    all = new ArrayList<>(4);
                    all.add(first);
                }
                all.add(c);
            }
        }
        return all != null ? all : first != null ? List.of(first) : List.of();
    }

    private static ChatChunk.@Nullable ChunkChoice choice(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int index = 0;
        ChatChunk.Delta delta = null;
        FinishReason finish = null;
        List<Object> extra = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "index" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    index = p.getIntValue();
                }
                case "extra" -> {
                    return null;
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
                case "logprobs" -> {
                    if (t != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "finish_reason" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        finish = FinishReason.of(p.getString());
                    } else if (t == JsonToken.VALUE_NULL) {
                        finish = null;
                    } else {
                        return null;
                    }
                }
                default -> {
                    extra = extra(p, t, name, extra);
                    if (extra == null) {
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new ChatChunk.ChunkChoice(index, delta, null, finish, asMap(extra));
    }

    private static ChatChunk.@Nullable Delta delta(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String role = null;
        String content = null;
        String refusal = null;
        String reasoningContent = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "role", "content", "refusal", "reasoning_content" -> {
                    String v;
                    if (t == JsonToken.VALUE_STRING) {
                        v = p.getString();
                    } else if (t == JsonToken.VALUE_NULL) {
                        v = null;
                    } else {
                        return null;
                    }
                    switch (name) {
                        case "role" -> role = v;
                        case "content" -> content = v;
                        case "refusal" -> refusal = v;
                        default -> reasoningContent = v;
                    }
                }
                // tool calls and "reasoning" are normalized, thinking blocks bound: the general path
                case "tool_calls", "reasoning", "thinking_blocks" -> {
                    return null;
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) { // a field Delta does not have: ignored, as binding ignores it
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new ChatChunk.Delta(role, content, refusal, null, reasoningContent, null);
    }

    /**
     * Adds a string or boolean extra field as a name/value pair; null (not this reader's job) for nulls, numbers,
     * structures and a name seen twice.
     */
    static @Nullable List<Object> extra(JsonParser p, JsonToken t, String name, @Nullable List<Object> extra) {
        Object value;
        if (t == JsonToken.VALUE_STRING) {
            value = p.getString();
        } else if (t == JsonToken.VALUE_TRUE) {
            value = Boolean.TRUE;
        } else if (t == JsonToken.VALUE_FALSE) {
            value = Boolean.FALSE;
        } else {
            return null;
        }
        List<Object> pairs = extra == null ? new ArrayList<>(4) : extra;
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i).equals(name)) {
                return null;
            }
        }
        pairs.add(name);
        pairs.add(value);
        return pairs;
    }

    /**
     * The extra fields as data binding fills a record's any-setter map: it buffers them while it reads the
     * creator's arguments and replays the buffer newest first, so the map holds them in reverse document order.
     */
    static @Nullable Map<String, Object> asMap(@Nullable List<Object> pairs) {
        if (pairs == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = pairs.size() - 2; i >= 0; i -= 2) {
            map.put((String) pairs.get(i), pairs.get(i + 1));
        }
        return map;
    }
}
