package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.StreamOptions;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds OpenAI request bodies. llmux's records already are OpenAI's wire shape, so the body is the record's JSON
 * with the model prefix gone and llmux's own additions taken out: {@code cache_control} (Anthropic's marker),
 * {@code thinking_blocks}, and {@code reasoning_content} unless the dialect wants it back.
 */
public final class OpenAiRequestMapper {

    private static final ClassValue<Boolean> ADAPTS_REQUESTS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("adaptRequest", ObjectNode.class, ChatRequest.class, ProviderCall.class)
                        .getDeclaringClass() != OpenAiDialect.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    private OpenAiRequestMapper() {}

    /**
     * The chat body's bytes. A plain request (nothing to take out, a dialect that leaves bodies alone) is written
     * straight from the record with the provider's model and the stream settings {@link #chatBody} would give it;
     * the rest go through {@link #chatBody}. Both give the same JSON for a plain request (the same bytes, but for
     * the order of the fields inside a {@code stream_options} the caller sent).
     */
    public static byte[] chatBytes(ChatRequest request, ProviderCall call, OpenAiDialect dialect) {
        return chatBytes(request, request.isStream(), call, dialect);
    }

    /** As {@link #chatBytes(ChatRequest, ProviderCall, OpenAiDialect)}, for a stream or not whatever the request says. */
    public static byte[] chatBytes(ChatRequest request, boolean stream, ProviderCall call, OpenAiDialect dialect) {
        String model = call.model();
        if (model != null && !model.isBlank() && isPlain(request, dialect)) { // withModel refuses a blank model
            return OpenAiRequestWriter.write(direct(request, stream, model, dialect));
        }
        ChatRequest shaped = request.isStream() == stream ? request : request.toBuilder().stream(stream ? Boolean.TRUE : null).build();
        return Json.write(chatBody(shaped, call, dialect));
    }

    /** The record whose JSON is what {@link #chatBody} makes of a plain request. */
    private static ChatRequest direct(ChatRequest request, boolean stream, String model, OpenAiDialect dialect) {
        if (!stream) {
            return request.stream() == null && request.streamOptions() == null
                    ? request.withModel(model)
                    : request.toBuilder().model(model).stream(null).streamOptions(null).build();
        }
        StreamOptions asked = request.streamOptions();
        // Always ask for usage: without it a stream's cost cannot be known.
        StreamOptions options = dialect.sendsStreamOptions() ? new StreamOptions(true, asked == null ? null : asked.includeObfuscation()) : null;
        return request.toBuilder().model(model).stream(true).streamOptions(options).build();
    }

    /**
     * True when {@link #chatBody} would only replace the model and set the stream settings: then the record's own
     * JSON is the body ({@code stream_options} is its last field, where the tree adds it too).
     */
    static boolean isPlain(ChatRequest request, OpenAiDialect dialect) {
        if (ADAPTS_REQUESTS.get(dialect.getClass()) || request.model() == null || !request.extra().isEmpty()) {
            return false;
        }
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (!isPlain(messages.get(i))) {
                return false;
            }
        }
        List<dev.llmux.api.Tool> tools = request.tools();
        if (tools != null) {
            for (int i = 0; i < tools.size(); i++) {
                if (tools.get(i).cacheControl() != null) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isPlain(ChatMessage message) {
        if (message instanceof ChatMessage.UserMessage m) {
            return m.cacheControl() == null && isPlain(m.content());
        } else if (message instanceof ChatMessage.SystemMessage m) {
            return m.cacheControl() == null && isPlain(m.content());
        } else if (message instanceof ChatMessage.AssistantMessage m) {
            return m.cacheControl() == null && m.reasoningContent() == null && m.thinkingBlocks() == null && isPlain(m.content());
        } else if (message instanceof ChatMessage.ToolMessage m) {
            return m.cacheControl() == null && isPlain(m.content());
        } else if (message instanceof ChatMessage.DeveloperMessage m) {
            return m.cacheControl() == null && isPlain(m.content());
        }
        return false; // an unknown message's fields are not known to be clean
    }

    private static boolean isPlain(@Nullable Content content) {
        if (content == null) {
            return true;
        }
        List<ContentPart> parts = content.parts();
        for (int i = 0; i < parts.size(); i++) {
            ContentPart part = parts.get(i);
            if (part instanceof ContentPart.Text t) {
                if (t.cacheControl() != null) {
                    return false;
                }
            } else if (!(part instanceof ContentPart.ImageUrl || part instanceof ContentPart.InputAudio
                    || part instanceof ContentPart.File || part instanceof ContentPart.Refusal)) {
                return false;
            }
        }
        return true;
    }

    public static ObjectNode chatBody(ChatRequest request, ProviderCall call, OpenAiDialect dialect) {
        ObjectNode body = (ObjectNode) Json.valueToTree(request);
        OpenAiParams.LLMUX_ONLY.forEach(body::remove);
        body.put("model", call.model());
        body.get("messages").forEach(message -> {
            if (message instanceof ObjectNode m) {
                cleanMessage(m, dialect);
            }
        });
        JsonNode tools = body.get("tools");
        if (tools != null && tools.isArray()) {
            tools.forEach(t -> {
                if (t instanceof ObjectNode o) {
                    o.remove("cache_control");
                }
            });
        }
        if (request.isStream()) {
            if (dialect.sendsStreamOptions()) {
                // Always ask for usage: without it a stream's cost cannot be known.
                JsonNode options = body.get("stream_options");
                ObjectNode o = options instanceof ObjectNode existing ? existing : body.putObject("stream_options");
                o.put("include_usage", true);
            } else {
                body.remove("stream_options");
            }
        } else {
            body.remove("stream");
            body.remove("stream_options");
        }
        dialect.adaptRequest(body, request, call);
        return body;
    }

    private static void cleanMessage(ObjectNode m, OpenAiDialect dialect) {
        m.remove("cache_control");
        m.remove("thinking_blocks");
        if (!dialect.sendsReasoningContent()) {
            m.remove("reasoning_content");
        }
        JsonNode content = m.get("content");
        if (content != null && content.isArray()) {
            content.forEach(part -> {
                if (part instanceof ObjectNode p) {
                    p.remove("cache_control");
                }
            });
        }
    }

    public static ObjectNode embeddingBody(EmbeddingRequest request, ProviderCall call) {
        ObjectNode body = (ObjectNode) Json.valueToTree(request);
        OpenAiParams.LLMUX_ONLY.forEach(body::remove);
        body.put("model", call.model());
        return body;
    }
}
