package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import dev.llmux.internal.json.JsonTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the plain, common stream chunk (text deltas, a role, a finish reason) straight off its bytes with a
 * {@link JsonCursor} into a {@link ChatChunk}, without the JSON tree and the data binding the general path goes
 * through (which cost several kilobytes per chunk) and without a general tokenizer's per-event work (names looked
 * up in a table, tokens tracked); the closing chunk's plain usage is read by {@link OpenAiUsageReader}. It accepts only what it can
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

    /** The names chunks use, returned by the cursor as these very strings (no string built per name). */
    private static final JsonNames NAMES = JsonNames.of("id", "object", "created", "model", "system_fingerprint",
            "choices", "usage", "index", "delta", "logprobs", "finish_reason", "role", "content", "refusal", "service_tier", "obfuscation");

    /** The previous chunk's bookkeeping strings, which every chunk of a stream repeats: reused, not rebuilt. */
    private final JsonCursor.Last lastId = new JsonCursor.Last();
    private final JsonCursor.Last lastObject = new JsonCursor.Last();
    private final JsonCursor.Last lastModel = new JsonCursor.Last();
    private final JsonCursor.Last lastFingerprint = new JsonCursor.Last();

    /**
     * What the previous chunk held before its {@code choices}: its bytes and the fields read from them. Every chunk
     * of a stream repeats them (id, object, created, model, service tier, fingerprint), so a chunk that starts with
     * the same bytes takes the same fields without reading them again.
     */
    private @Nullable Prefix prefix;

    private record Prefix(byte[] bytes, @Nullable String id, @Nullable String object, @Nullable String model,
            @Nullable String fingerprint, long created, boolean sawCreated, @Nullable List<Object> extra) {}

    /** The last text delta read in full: a chunk that differs from it only in its content is read from it. */
    private @Nullable JsonTemplate<ChatChunk> lastDelta;
    /** The content strings the chunk being read has had so far, and where the last one lay. */
    private int contentStrings;
    private int contentStart;
    private int contentEnd;
    private final Function<JsonCursor, ChatChunk.@Nullable ChunkChoice> choiceReader = this::choice;

    private final JsonCursor cursor = new JsonCursor();

    /** One reader per stream (it reuses one cursor and the previous chunk's strings); not thread-safe. */
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

    /** The chunk the UTF-8 {@code data} holds, or null when it is not of the plain shape this reader takes. */
    @Nullable ChatChunk read(byte[] data) {
        return read(data, 0, data.length);
    }

    /** As {@link #read(byte[])} for the data in {@code array[offset, offset + length)}. */
    @Nullable ChatChunk read(byte[] array, int offset, int length) {
        try {
            JsonTemplate<ChatChunk> previous = lastDelta;
            if (previous != null) {
                String content = previous.string(cursor, array, offset, length);
                if (content != null) {
                    return withContent(previous.value(), content);
                }
            }
            contentStrings = 0;
            ChatChunk chunk = chunk(cursor.reset(array, offset, length));
            if (chunk == null || !cursor.atEnd()) {
                return null; // anything after the object: the general path judges
            }
            // one content string, and it is the one the chunk holds: the next delta may differ only there
            if (contentStrings == 1 && chunk.choices().size() == 1 && chunk.choices().get(0).delta().content() != null) {
                lastDelta = new JsonTemplate<>(array, offset, length, contentStart, contentEnd, chunk);
            }
            return chunk;
        } catch (JsonCursor.Mismatch | ArithmeticException e) {
            return null; // malformed or unusual: the general path reads or reports it
        } finally {
            cursor.clear();
        }
    }

    private @Nullable ChatChunk chunk(JsonCursor c) {
        c.expect('{');
        String id = null;
        String object = null;
        String model = null;
        String fingerprint = null;
        long created = 0;
        boolean sawCreated = false;
        List<ChatChunk.ChunkChoice> choices = null;
        Usage usage = null;
        List<Object> extra = null;
        boolean more;
        Prefix known = prefix;
        int start = c.position();
        if (known != null && c.consumeExactly(known.bytes)) {
            // the same bytes as the previous chunk up to its choices: the same fields, already read
            id = known.id;
            object = known.object;
            model = known.model;
            fingerprint = known.fingerprint;
            created = known.created;
            sawCreated = known.sawCreated;
            extra = known.extra == null ? null : new ArrayList<>(known.extra);
            choices = c.array(choiceReader);
            if (choices == null) {
                return null;
            }
            more = c.consume(',');
        } else {
            more = c.peek() != '}';
        }
        while (more) {
            String name = c.name(NAMES);
            switch (name) {
                case "id" -> id = c.string(lastId);
                case "object" -> object = c.string(lastObject);
                case "model" -> model = c.string(lastModel);
                case "created" -> {
                    created = c.integer();
                    sawCreated = true;
                }
                case "system_fingerprint" -> fingerprint = c.consumeNull() ? null : c.string(lastFingerprint);
                case "choices" -> {
                    if (choices == null && usage == null) { // only bookkeeping fields so far: the next chunk may skip them
                        prefix = new Prefix(c.copySince(start), id, object, model, fingerprint, created, sawCreated,
                                extra == null ? null : List.copyOf(extra));
                    }
                    choices = c.array(choiceReader); // usually one, kept in a one-element list
                    if (choices == null) {
                        return null;
                    }
                }
                case "usage" -> {
                    if (c.consumeNull()) {
                        usage = null;
                    } else {
                        usage = OpenAiUsageReader.read(c);
                        if (usage == null) {
                            return null; // a cost, fractional counts, other fields: the general path
                        }
                    }
                }
                case "text", "extra", "callInfo" -> {
                    return null; // names data binding treats specially (ignored properties)
                }
                default -> {
                    extra = extra(c, name, extra);
                    if (extra == null) {
                        return null;
                    }
                }
            }
            more = c.consume(',');
        }
        c.expect('}');
        if (id == null || model == null || !sawCreated || choices == null) {
            return null; // the general path fills in what is missing
        }
        return new ChatChunk(id, object, created, model, fingerprint, choices, usage, asMap(extra), null);
    }

    private ChatChunk.@Nullable ChunkChoice choice(JsonCursor c) {
        c.expect('{');
        int index = 0;
        ChatChunk.Delta delta = null;
        FinishReason finish = null;
        List<Object> extra = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "index" -> index = c.intValue();
                    case "extra" -> {
                        return null;
                    }
                    case "delta" -> {
                        if (c.consumeNull()) {
                            delta = null;
                        } else {
                            delta = delta(c);
                            if (delta == null) {
                                return null;
                            }
                        }
                    }
                    case "logprobs" -> {
                        if (!c.consumeNull()) {
                            return null;
                        }
                    }
                    case "finish_reason" -> finish = c.consumeNull() ? null : FinishReason.of(c.string());
                    default -> {
                        extra = extra(c, name, extra);
                        if (extra == null) {
                            return null;
                        }
                    }
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ChatChunk.ChunkChoice(index, delta, null, finish, asMap(extra));
    }

    private ChatChunk.@Nullable Delta delta(JsonCursor c) {
        c.expect('{');
        String role = null;
        String content = null;
        String refusal = null;
        String reasoningContent = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "role" -> role = c.consumeNull() ? null : c.string();
                    case "content" -> {
                        if (c.consumeNull()) {
                            content = null;
                        } else {
                            contentStart = c.position();
                            content = c.string();
                            contentEnd = c.position();
                            contentStrings++;
                        }
                    }
                    case "refusal" -> refusal = c.consumeNull() ? null : c.string();
                    case "reasoning_content" -> reasoningContent = c.consumeNull() ? null : c.string();
                    // tool calls and "reasoning" are normalized, thinking blocks bound: the general path
                    case "tool_calls", "reasoning", "thinking_blocks" -> {
                        return null;
                    }
                    default -> c.skipValue(); // a field Delta does not have: ignored, as binding ignores it
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ChatChunk.Delta(role, content, refusal, null, reasoningContent, null);
    }

    /** The chunk {@code template} with {@code content} in its one choice's delta instead of its own. */
    private static ChatChunk withContent(ChatChunk template, String content) {
        ChatChunk.ChunkChoice choice = template.choices().get(0);
        ChatChunk.Delta d = choice.delta();
        ChatChunk.Delta delta = new ChatChunk.Delta(d.role(), content, d.refusal(), d.toolCalls(), d.reasoningContent(), d.thinkingBlocks());
        return new ChatChunk(template.id(), template.object(), template.created(), template.model(), template.systemFingerprint(),
                List.of(new ChatChunk.ChunkChoice(choice.index(), delta, choice.logprobs(), choice.finishReason(), choice.extra())),
                template.usage(), template.extra(), null);
    }

    /**
     * Adds a string or boolean extra field as a name/value pair; null (not this reader's job) for nulls, numbers,
     * structures and a name seen twice.
     */
    static @Nullable List<Object> extra(JsonCursor c, String name, @Nullable List<Object> extra) {
        Object value;
        byte next = c.peek();
        if (next == '"') {
            value = c.string();
        } else if (next == 't' || next == 'f') {
            value = c.bool();
        } else {
            return null;
        }
        return addPair(extra, name, value);
    }

    /** The pairs with one more, or null when the name is there already. */
    private static @Nullable List<Object> addPair(@Nullable List<Object> extra, String name, Object value) {
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
