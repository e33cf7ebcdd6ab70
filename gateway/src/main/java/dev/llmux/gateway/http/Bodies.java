package dev.llmux.gateway.http;

import dev.llmux.internal.json.Json;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Reads request bodies within a size limit and binds them to the core types with errors that name the field. */
public final class Bodies {

    private Bodies() {}

    /** The body as a JSON object; 413 past {@code maxBytes}, 400 when empty, malformed or not an object. */
    public static Mono<JsonNode> readObject(ServerRequest request, long maxBytes) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            return Mono.error(tooLarge(maxBytes));
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), limit)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge(maxBytes))
                .map(Bodies::bytes)
                .defaultIfEmpty(new byte[0])
                .map(Bodies::tree);
    }

    private static GatewayException tooLarge(long maxBytes) {
        return GatewayException.tooLarge("request body is larger than the gateway's limit of " + maxBytes + " bytes");
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] b = new byte[buffer.readableByteCount()];
            buffer.read(b);
            return b;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    static JsonNode tree(byte[] bytes) {
        if (bytes.length == 0) {
            throw GatewayException.badRequest("request body is empty; expected a JSON object", null);
        }
        JsonNode node;
        try {
            node = Json.tree(bytes);
        } catch (JacksonException e) {
            throw GatewayException.badRequest("request body is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.badRequest("request body must be a JSON object", null);
        }
        return node;
    }

    /** Binds a JSON object to a core record; wrong types and failed validations become 400s naming the field. */
    public static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String msg = cause instanceof NullPointerException && cause.getMessage() != null
                    ? "missing required field \"" + cause.getMessage() + "\""
                    : cause.getMessage();
            throw GatewayException.badRequest(msg == null ? "invalid request" : msg, path(e));
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw GatewayException.badRequest("invalid value for \"" + (path == null ? "body" : path) + "\": "
                    + e.getOriginalMessage(), path);
        } catch (StreamReadException e) {
            throw GatewayException.badRequest("request body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            String msg = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw GatewayException.badRequest(msg, path(e));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw GatewayException.badRequest(String.valueOf(e.getMessage()), null);
        }
    }

    private static String path(JacksonException e) {
        List<JacksonException.Reference> refs = e.getPath();
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : refs) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
