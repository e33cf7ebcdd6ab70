package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.OpenAiErrorBody;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.SseEvent;
import dev.llmux.spi.ProviderCall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads OpenAI-shaped response bodies and stream chunks into llmux's records: errors inside a 200 become
 * exceptions, the compatible family's spellings are normalized ({@code reasoning} → {@code reasoning_content},
 * tool arguments sent as objects → JSON strings), base64 embeddings become floats.
 */
public final class OpenAiResponseMapper {

    private OpenAiResponseMapper() {}

    /** Parses a 2xx chat body; throws the llmux exception it carries, or a 502 when it does not parse. */
    public static ChatResponse chatResponse(byte[] body, ProviderCall call, OpenAiDialect dialect) {
        ChatResponse response = OpenAiChunkReader.supports(dialect) ? OpenAiResponseReader.read(body) : null;
        if (response == null) {
            response = treeResponse(body, call, dialect);
        }
        List<Choice> choices = response.choices();
        for (int i = 0; i < choices.size(); i++) {
            Choice c = choices.get(i);
            LlmuxException e = c.finishReason() == null ? null : dialect.finishError(c.finishReason().value(), call);
            if (e != null) {
                throw e;
            }
        }
        return response;
    }

    /** The general path for a chat body: JSON tree, normalized, then bound. */
    static ChatResponse treeResponse(byte[] body, ProviderCall call, OpenAiDialect dialect) {
        ObjectNode node = object(body, call);
        throwIfError(node, call);
        normalize(node, "message", call, dialect);
        return convert(node, ChatResponse.class, call);
    }

    /** Parses one stream event's JSON into a chunk, after the same checks as {@link #chatResponse}. */
    public static ChatChunk chunk(String data, ProviderCall call, OpenAiDialect dialect) {
        return chunk(data, call, dialect, new OpenAiChunkReader());
    }

    /** As {@link #chunk(String, ProviderCall, OpenAiDialect)}, with the stream's own reader for plain chunks. */
    static ChatChunk chunk(String data, ProviderCall call, OpenAiDialect dialect, OpenAiChunkReader reader) {
        ChatChunk chunk = OpenAiChunkReader.supports(dialect) ? reader.read(data) : null;
        return checked(chunk != null ? chunk : treeChunk(data, call, dialect), call, dialect);
    }

    /** One SSE event's chunk: plain chunks read from the event's bytes, the rest through the tree as always. */
    static ChatChunk chunk(SseEvent event, ProviderCall call, OpenAiDialect dialect, OpenAiChunkReader reader) {
        ChatChunk chunk = OpenAiChunkReader.supports(dialect) ? reader.read(event.dataArray(), event.dataOffset(), event.dataLength()) : null;
        return checked(chunk != null ? chunk : treeChunk(event.data(), call, dialect), call, dialect);
    }

    /** The chunk, unless a choice's finish reason stands for an error: then that error is thrown. */
    private static ChatChunk checked(ChatChunk chunk, ProviderCall call, OpenAiDialect dialect) {
        List<ChatChunk.ChunkChoice> choices = chunk.choices();
        for (int i = 0; i < choices.size(); i++) { // indexed: no iterator per chunk
            ChatChunk.ChunkChoice c = choices.get(i);
            LlmuxException e = c.finishReason() == null ? null : dialect.finishError(c.finishReason().value(), call);
            if (e != null) {
                throw e;
            }
        }
        return chunk;
    }

    /** The general path for a stream chunk: JSON tree, normalized, then bound. */
    static ChatChunk treeChunk(String data, ProviderCall call, OpenAiDialect dialect) {
        ObjectNode node = object(data.getBytes(java.nio.charset.StandardCharsets.UTF_8), call);
        throwIfError(node, call);
        normalize(node, "delta", call, dialect);
        return convert(node, ChatChunk.class, call);
    }

    /** Parses an embeddings body, decoding base64 vectors (little-endian float32) into numbers. */
    public static EmbeddingResponse embeddingResponse(byte[] body, ProviderCall call) {
        ObjectNode node = object(body, call);
        throwIfError(node, call);
        JsonNode data = node.get("data");
        if (data != null && data.isArray()) {
            for (JsonNode item : data) {
                JsonNode vector = item.get("embedding");
                if (item instanceof ObjectNode o && vector != null && vector.isString()) {
                    o.set("embedding", floatsNode(decodeBase64Floats(vector.asString(), call)));
                }
            }
        }
        if (!node.hasNonNull("model")) {
            node.put("model", call.model());
        }
        return convert(node, EmbeddingResponse.class, call);
    }

    /** Little-endian float32 values from OpenAI's base64 embedding encoding. */
    public static float[] decodeBase64Floats(String base64, ProviderCall call) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ProviderHttp.malformed(call, e);
        }
        if (bytes.length % 4 != 0) {
            throw ProviderHttp.malformed(call, new IllegalArgumentException(
                    "base64 embedding of " + bytes.length + " bytes is not a whole number of float32 values"));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getFloat();
        }
        return out;
    }

    private static ArrayNode floatsNode(float[] values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (float v : values) {
            array.add(v);
        }
        return array;
    }

    private static ObjectNode object(byte[] body, ProviderCall call) {
        JsonNode node;
        try {
            node = Json.tree(body);
        } catch (JacksonException e) {
            throw ProviderHttp.malformed(call, e);
        }
        if (!(node instanceof ObjectNode o)) {
            throw ProviderHttp.malformed(call, new IllegalArgumentException("expected a JSON object, got " + node.getNodeType()));
        }
        return o;
    }

    /** OpenAI (and OpenRouter, mid-generation) report some failures as an {@code error} object in a 200. */
    private static void throwIfError(ObjectNode node, ProviderCall call) {
        JsonNode error = node.get("error");
        if (error != null && error.isObject()) {
            throw OpenAiErrorBody.fromErrorNode(call.provider(), call.model(), error);
        }
    }

    private static void normalize(ObjectNode node, String messageField, ProviderCall call, OpenAiDialect dialect) {
        dialect.adaptResponse(node);
        // Local servers sometimes leave out the bookkeeping fields; they carry no meaning worth a 502.
        if (!node.hasNonNull("id")) {
            node.put("id", "chatcmpl-" + UUID.randomUUID());
        }
        if (!node.hasNonNull("model")) {
            node.put("model", call.model());
        }
        if (!node.hasNonNull("created")) {
            node.put("created", call.clock().millis() / 1000);
        }
        JsonNode choices = node.get("choices");
        if (choices == null || choices.isNull()) {
            node.putArray("choices");
            return;
        }
        for (JsonNode choice : choices) {
            JsonNode message = choice.get(messageField);
            if (message instanceof ObjectNode m) {
                normalizeMessage(m);
            }
        }
    }

    private static void normalizeMessage(ObjectNode m) {
        // OpenRouter, Groq (reasoning_format=parsed), Together and vLLM say "reasoning"; llmux (like LiteLLM)
        // says "reasoning_content".
        JsonNode reasoning = m.get("reasoning");
        if (reasoning != null && reasoning.isString() && !m.hasNonNull("reasoning_content")) {
            m.set("reasoning_content", reasoning);
            m.remove("reasoning");
        }
        JsonNode calls = m.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                JsonNode fn = call.get("function");
                JsonNode args = fn == null ? null : fn.get("arguments");
                // Mistral may send arguments as an object; OpenAI's contract is a JSON string.
                if (fn instanceof ObjectNode f && args != null && (args.isObject() || args.isArray())) {
                    f.put("arguments", Json.writeString(args));
                }
            }
        } else if (calls != null && calls.isNull()) {
            m.remove("tool_calls");
        }
    }

    private static <T> T convert(ObjectNode node, Class<T> type, ProviderCall call) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw ProviderHttp.malformed(call, e);
        }
    }

}
