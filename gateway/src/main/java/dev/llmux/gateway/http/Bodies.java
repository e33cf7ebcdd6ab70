package dev.llmux.gateway.http;

import dev.llmux.internal.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.io.buffer.DataBuffer;
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

    private static final byte[] EMPTY = new byte[0];

    /** How far past the limit a body is read and dropped before the gateway gives up on the connection. */
    static final long SWALLOW_BYTES = 2L * 1024 * 1024;

    private Bodies() {}

    /**
     * The whole body as bytes (empty when there is none). Handlers read the body before they authenticate, so a
     * refused request never leaves unread bytes on a kept-alive connection. A body over {@code maxBytes} is a 413;
     * up to {@link #SWALLOW_BYTES} past the limit are read and dropped (never held) so the connection stays usable,
     * like Tomcat's swallow limit; beyond that the gateway stops reading and its 413 closes the connection.
     */
    public static Mono<byte[]> readBytes(ServerRequest request, long maxBytes) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes + SWALLOW_BYTES) {
            return Mono.error(tooLarge(maxBytes, true));
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        return request.body(BodyExtractors.toDataBuffers())
                .collect(() -> new Accumulator(limit, declared), Accumulator::add)
                .map(acc -> acc.result(maxBytes));
    }

    private static GatewayException tooLarge(long maxBytes, boolean unread) {
        return GatewayException.tooLarge("request body is larger than the gateway's limit of " + maxBytes + " bytes", unread);
    }

    /** Copies each buffer out and releases it at once, so an error or a cancel mid-body leaks nothing. */
    private static final class Accumulator {
        private final int limit;
        private byte[] bytes;
        private int size;
        private long seen;

        Accumulator(int limit, long declared) {
            this.limit = limit;
            this.bytes = declared > 0 && declared <= limit ? new byte[(int) declared] : EMPTY;
        }

        void add(DataBuffer buffer) {
            try {
                int n = buffer.readableByteCount();
                seen += n;
                if (seen > limit + SWALLOW_BYTES) {
                    throw tooLarge(limit, true);
                }
                if (seen > limit) {
                    return;
                }
                if (size + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + n, Math.max(256, bytes.length * 2))));
                }
                buffer.read(bytes, size, n);
                size += n;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        byte[] result(long maxBytes) {
            if (seen > limit) {
                throw tooLarge(maxBytes, false);
            }
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /** The bytes as a JSON object; 400 when empty, malformed or not an object. */
    public static JsonNode tree(byte[] bytes) {
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
        return mapped(() -> Json.MAPPER.treeToValue(node, type));
    }

    /**
     * Binds the bytes of a JSON object straight to a core record, without building a tree first; the same 400s as
     * {@link #tree(byte[])} then {@link #bind}.
     */
    public static <T> T read(byte[] bytes, Class<T> type) {
        if (!startsAnObject(bytes)) {
            tree(bytes); // empty, malformed or not an object: throws the matching 400
        }
        return mapped(() -> Json.MAPPER.readValue(bytes, type));
    }

    private static boolean startsAnObject(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    private static <T> T mapped(Supplier<T> binding) {
        try {
            return binding.get();
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof NullPointerException && cause.getMessage() != null) {
                // records name a missing required field in their requireNonNull
                String field = cause.getMessage();
                throw GatewayException.badRequest("missing required field \"" + field + "\"", field);
            }
            String msg = cause.getMessage();
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
