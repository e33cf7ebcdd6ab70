package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds OpenAI request bodies. llmux's records already are OpenAI's wire shape, so the body is the record's JSON
 * with the model prefix gone and llmux's own additions taken out: {@code cache_control} (Anthropic's marker),
 * {@code thinking_blocks}, and {@code reasoning_content} unless the dialect wants it back.
 */
public final class OpenAiRequestMapper {

    private OpenAiRequestMapper() {}

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
