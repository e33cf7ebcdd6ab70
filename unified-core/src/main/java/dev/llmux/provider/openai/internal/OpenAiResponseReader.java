package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.Content;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.json.JsonDocumentParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the common non-streamed {@code chat.completion} (text or tool calls, a finish reason, plain usage) straight
 * off the parser into a {@link ChatResponse}, without the JSON tree and the data binding the general path goes
 * through. Like {@link OpenAiChunkReader} it takes only what it reads exactly as the general path would: an error
 * object, missing bookkeeping fields, {@code reasoning}, logprobs, tool arguments sent as objects, annotations,
 * thinking blocks, array content, a reported cost, extra fields that are not strings or booleans (Azure's content
 * filter results, for example) make it answer null, and the caller takes the general path. Stateless.
 */
final class OpenAiResponseReader {

    private OpenAiResponseReader() {}

    /** The response {@code body} holds, or null when it is not of the plain shape this reader takes. */
    static @Nullable ChatResponse read(byte[] body) {
        try (JsonParser p = Json.parser(body)) {
            ChatResponse response = response(p);
            return response != null && p.nextToken() == null ? response : null; // anything after it: the general path judges
        } catch (NotPlain | JacksonException | ArithmeticException | IllegalArgumentException | NullPointerException e) {
            return null; // malformed or unusual: the general path reports it
        }
    }

    private static @Nullable ChatResponse response(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String id = null;
        String object = null;
        String model = null;
        String fingerprint = null;
        String serviceTier = null;
        long created = 0;
        boolean sawCreated = false;
        List<Choice> choices = null;
        Usage usage = null;
        List<Object> extra = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    id = string(p, t);
                }
                case "object" -> {
                    object = string(p, t);
                }
                case "model" -> {
                    model = string(p, t);
                }
                case "created" -> {
                    expect(t, JsonToken.VALUE_NUMBER_INT);
                    created = p.getLongValue();
                    sawCreated = true;
                }
                case "system_fingerprint" -> {
                    fingerprint = stringOrNull(p, t);
                }
                case "service_tier" -> {
                    serviceTier = stringOrNull(p, t);
                }
                case "choices" -> {
                    expect(t, JsonToken.START_ARRAY);
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
                            return null;
                        }
                    }
                }
                // an error in a 200, and names data binding treats specially (ignored properties): the general path
                case "error", "text", "message", "finishReason", "extra", "callInfo" -> {
                    return null;
                }
                default -> {
                    extra = OpenAiChunkReader.extra(p, t, name, extra);
                    if (extra == null) {
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        if (id == null || model == null || !sawCreated || choices == null) {
            return null; // the general path fills in what is missing
        }
        return new ChatResponse(id, object, created, model, fingerprint, serviceTier, choices, usage, OpenAiChunkReader.asMap(extra), null);
    }

    private static @Nullable List<Choice> choices(JsonParser p) {
        Choice first = null;
        List<Choice> all = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(t, JsonToken.START_OBJECT);
            Choice c = choice(p);
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

    private static @Nullable Choice choice(JsonParser p) {
        int index = 0;
        ChatMessage.AssistantMessage message = null;
        FinishReason finish = null;
        List<Object> extra = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "index" -> {
                    expect(t, JsonToken.VALUE_NUMBER_INT);
                    index = p.getIntValue();
                }
                case "message" -> {
                    expect(t, JsonToken.START_OBJECT);
                    message = message(p);
                    if (message == null) {
                        return null;
                    }
                }
                case "logprobs" -> {
                    if (t != JsonToken.VALUE_NULL) {
                        return null; // kept as parsed: the general path
                    }
                }
                case "finish_reason" -> {
                    String reason = stringOrNull(p, t);
                    finish = reason == null ? null : FinishReason.of(reason);
                }
                case "extra", "finishReason" -> {
                    return null;
                }
                default -> {
                    extra = OpenAiChunkReader.extra(p, t, name, extra);
                    if (extra == null) {
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT || message == null) {
            return null;
        }
        return new Choice(index, message, null, finish, OpenAiChunkReader.asMap(extra));
    }

    private static ChatMessage.@Nullable AssistantMessage message(JsonParser p) {
        String content = null;
        String refusal = null;
        String name = null;
        String reasoningContent = null;
        List<ToolCall> toolCalls = null;
        List<Object> annotations = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "content", "refusal", "name", "reasoning_content" -> {
                    String v = stringOrNull(p, t); // content as an array of parts: the general path
                    switch (field) {
                        case "content" -> content = v;
                        case "refusal" -> refusal = v;
                        case "name" -> name = v;
                        default -> reasoningContent = v;
                    }
                }
                case "tool_calls" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        toolCalls = null;
                    } else if (t == JsonToken.START_ARRAY) {
                        toolCalls = toolCalls(p);
                        if (toolCalls == null) {
                            return null;
                        }
                    } else {
                        return null;
                    }
                }
                case "annotations" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        annotations = null;
                    } else if (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.END_ARRAY) {
                        annotations = List.of();
                    } else {
                        return null; // annotations kept as parsed: the general path
                    }
                }
                // normalized, bound or otherwise special: the general path
                case "reasoning", "thinking_blocks", "cache_control", "toolCalls", "reasoningContent", "thinkingBlocks", "cacheControl" -> {
                    return null;
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) { // a field the message does not have: ignored, as binding ignores it
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new ChatMessage.AssistantMessage(content == null ? null : Content.of(content), refusal, toolCalls, name,
                reasoningContent, null, annotations, null);
    }

    private static @Nullable List<ToolCall> toolCalls(JsonParser p) {
        List<ToolCall> calls = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(t, JsonToken.START_OBJECT);
            ToolCall call = toolCall(p);
            if (call == null) {
                return null;
            }
            calls.add(call);
        }
        return calls;
    }

    private static @Nullable ToolCall toolCall(JsonParser p) {
        Integer index = null;
        String id = null;
        String type = null;
        ToolCall.FunctionCall function = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "index" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        index = null;
                    } else if (t == JsonToken.VALUE_NUMBER_INT) {
                        index = p.getIntValue();
                    } else {
                        return null;
                    }
                }
                case "id", "type" -> {
                    String v = stringOrNull(p, t);
                    if (field.equals("id")) {
                        id = v;
                    } else {
                        type = v;
                    }
                }
                case "function" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        function = null;
                    } else if (t == JsonToken.START_OBJECT) {
                        function = function(p);
                        if (function == null) {
                            return null;
                        }
                    } else {
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
        return end == JsonToken.END_OBJECT ? new ToolCall(index, id, type, function) : null;
    }

    private static ToolCall.@Nullable FunctionCall function(JsonParser p) {
        String name = null;
        String arguments = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "name", "arguments" -> {
                    String v = stringOrNull(p, t); // arguments sent as an object are normalized: the general path
                    if (field.equals("name")) {
                        name = v;
                    } else {
                        arguments = v;
                    }
                }
                default -> {
                    if (!JsonDocumentParser.skipValue(p, t)) {
                        return null;
                    }
                }
            }
        }
        return end == JsonToken.END_OBJECT ? new ToolCall.FunctionCall(name, arguments) : null;
    }

    /** The string value at {@code t}; anything else is not the plain shape. */
    private static String string(JsonParser p, JsonToken t) {
        expect(t, JsonToken.VALUE_STRING);
        return p.getString();
    }

    /** Gives up on the plain shape unless the value at hand is {@code expected}. */
    private static void expect(JsonToken t, JsonToken expected) {
        if (t != expected) {
            throw NotPlain.INSTANCE;
        }
    }

    /** The string value at {@code t}, or null for a JSON null; anything else is not the plain shape. */
    private static @Nullable String stringOrNull(JsonParser p, JsonToken t) {
        return t == JsonToken.VALUE_NULL ? null : string(p, t);
    }

    /** Thrown by the field readers when the body is not of the plain shape; {@link #read} then answers null. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false); // no stack trace: it only carries "take the general path"
        }
    }
}
