package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.Content;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the common non-streamed {@code chat.completion} (text or tool calls, a finish reason, plain usage) straight
 * off its bytes with a {@link JsonCursor} into a {@link ChatResponse}, without the JSON tree and the data binding
 * the general path goes through. Like {@link OpenAiChunkReader} it takes only what it reads exactly as the general path would: an error
 * object, missing bookkeeping fields, {@code reasoning}, logprobs, tool arguments sent as objects, annotations,
 * thinking blocks, array content, a reported cost, extra fields that are not strings or booleans (Azure's content
 * filter results, for example) make it answer null, and the caller takes the general path. Stateless.
 */
final class OpenAiResponseReader {

    private static final JsonNames NAMES = JsonNames.of("id", "object", "created", "model", "system_fingerprint",
            "service_tier", "choices", "usage", "index", "message", "logprobs", "finish_reason", "role", "content", "refusal",
            "annotations", "tool_calls", "type", "function", "name", "arguments", "reasoning_content");

    private OpenAiResponseReader() {}

    /** The response {@code body} holds, or null when it is not of the plain shape this reader takes. */
    static @Nullable ChatResponse read(byte[] body) {
        JsonCursor c = new JsonCursor().reset(body, 0, body.length);
        try {
            ChatResponse response = response(c);
            return response != null && c.atEnd() ? response : null; // anything after it: the general path judges
        } catch (JsonCursor.Mismatch | ArithmeticException | IllegalArgumentException | NullPointerException e) {
            return null; // malformed or unusual: the general path reports it
        }
    }

    private static @Nullable ChatResponse response(JsonCursor c) {
        c.expect('{');
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
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "id" -> id = c.string();
                    case "object" -> object = c.string();
                    case "model" -> model = c.string();
                    case "created" -> {
                        created = c.integer();
                        sawCreated = true;
                    }
                    case "system_fingerprint" -> fingerprint = c.stringOrNull();
                    case "service_tier" -> serviceTier = c.stringOrNull();
                    case "choices" -> {
                        choices = c.array(OpenAiResponseReader::choice); // usually one, kept in a one-element list
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
                                return null;
                            }
                        }
                    }
                    // an error in a 200, and names data binding treats specially (ignored properties): the general path
                    case "error", "text", "message", "finishReason", "extra", "callInfo" -> {
                        return null;
                    }
                    default -> {
                        extra = OpenAiChunkReader.extra(c, name, extra);
                        if (extra == null) {
                            return null;
                        }
                    }
                }
            } while (c.consume(','));
            c.expect('}');
        }
        if (id == null || model == null || !sawCreated || choices == null) {
            return null; // the general path fills in what is missing
        }
        return new ChatResponse(id, object, created, model, fingerprint, serviceTier, choices, usage, OpenAiChunkReader.asMap(extra), null);
    }

    private static @Nullable Choice choice(JsonCursor c) {
        c.expect('{');
        int index = 0;
        ChatMessage.AssistantMessage message = null;
        FinishReason finish = null;
        List<Object> extra = null;
        if (!c.consume('}')) {
            do {
                String name = c.name(NAMES);
                switch (name) {
                    case "index" -> index = c.intValue();
                    case "message" -> {
                        message = message(c);
                        if (message == null) {
                            return null;
                        }
                    }
                    case "logprobs" -> {
                        if (!c.consumeNull()) {
                            return null; // kept as parsed: the general path
                        }
                    }
                    case "finish_reason" -> {
                        String reason = c.stringOrNull();
                        finish = reason == null ? null : FinishReason.of(reason);
                    }
                    case "extra", "finishReason" -> {
                        return null;
                    }
                    default -> {
                        extra = OpenAiChunkReader.extra(c, name, extra);
                        if (extra == null) {
                            return null;
                        }
                    }
                }
            } while (c.consume(','));
            c.expect('}');
        }
        if (message == null) {
            return null;
        }
        return new Choice(index, message, null, finish, OpenAiChunkReader.asMap(extra));
    }

    private static ChatMessage.@Nullable AssistantMessage message(JsonCursor c) {
        c.expect('{');
        String content = null;
        String refusal = null;
        String name = null;
        String reasoningContent = null;
        List<ToolCall> toolCalls = null;
        List<Object> annotations = null;
        if (!c.consume('}')) {
            do {
                String field = c.name(NAMES);
                switch (field) {
                    // content as an array of parts: the general path
                    case "content" -> content = c.stringOrNull();
                    case "refusal" -> refusal = c.stringOrNull();
                    case "name" -> name = c.stringOrNull();
                    case "reasoning_content" -> reasoningContent = c.stringOrNull();
                    case "tool_calls" -> {
                        if (c.consumeNull()) {
                            toolCalls = null;
                        } else {
                            toolCalls = toolCalls(c);
                            if (toolCalls == null) {
                                return null;
                            }
                        }
                    }
                    case "annotations" -> {
                        if (c.consumeNull()) {
                            annotations = null;
                        } else {
                            c.expect('[');
                            c.expect(']'); // annotations kept as parsed: the general path
                            annotations = List.of();
                        }
                    }
                    // normalized, bound or otherwise special: the general path
                    case "reasoning", "thinking_blocks", "cache_control", "toolCalls", "reasoningContent", "thinkingBlocks", "cacheControl" -> {
                        return null;
                    }
                    default -> c.skipValue(); // a field the message does not have: ignored, as binding ignores it
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ChatMessage.AssistantMessage(content == null ? null : Content.of(content), refusal, toolCalls, name,
                reasoningContent, null, annotations, null);
    }

    private static @Nullable List<ToolCall> toolCalls(JsonCursor c) {
        c.expect('[');
        List<ToolCall> calls = new ArrayList<>(2);
        if (c.consume(']')) {
            return calls;
        }
        do {
            ToolCall call = toolCall(c);
            if (call == null) {
                return null;
            }
            calls.add(call);
        } while (c.consume(','));
        c.expect(']');
        return calls;
    }

    private static @Nullable ToolCall toolCall(JsonCursor c) {
        c.expect('{');
        Integer index = null;
        String id = null;
        String type = null;
        ToolCall.FunctionCall function = null;
        if (!c.consume('}')) {
            do {
                String field = c.name(NAMES);
                switch (field) {
                    case "index" -> index = c.consumeNull() ? null : c.intValue();
                    case "id" -> id = c.stringOrNull();
                    case "type" -> type = c.stringOrNull();
                    case "function" -> {
                        if (c.consumeNull()) {
                            function = null;
                        } else {
                            function = function(c);
                            if (function == null) {
                                return null;
                            }
                        }
                    }
                    default -> c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ToolCall(index, id, type, function);
    }

    private static ToolCall.@Nullable FunctionCall function(JsonCursor c) {
        c.expect('{');
        String name = null;
        String arguments = null;
        if (!c.consume('}')) {
            do {
                String field = c.name(NAMES);
                switch (field) {
                    case "name" -> name = c.stringOrNull();
                    case "arguments" -> arguments = c.stringOrNull(); // arguments sent as an object are normalized: the general path
                    default -> c.skipValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new ToolCall.FunctionCall(name, arguments);
    }
}
