package dev.llmux.bench;

import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.ResponseHead;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * A transport that answers every request at once with a canned 200 and a canned body, one array per network read,
 * without a socket: what remains of a call is llmux's own work (mapping, signing, decoding, assembling).
 */
final class CannedTransport implements HttpTransport {

    private final ResponseHead head;
    private final List<byte[]> body;
    private final ResponseHead streamHead;
    private final List<byte[]> streamBody;

    CannedTransport(String contentType, List<byte[]> body) {
        this(contentType, body, contentType, body, Map.of());
    }

    private CannedTransport(String type, List<byte[]> body, String streamType, List<byte[]> streamBody, Map<String, List<String>> extra) {
        this.head = new ResponseHead(200, headers(type, extra));
        this.body = body;
        this.streamHead = new ResponseHead(200, headers(streamType, extra));
        this.streamBody = streamBody;
    }

    private static Map<String, List<String>> headers(String type, Map<String, List<String>> extra) {
        Map<String, List<String>> h = new LinkedHashMap<>(extra);
        h.put("Content-Type", List.of(type));
        return Map.copyOf(h);
    }

    /** The stub's answers in one provider's format (a stream in one read, as the stub sends it), without the stub. */
    static CannedTransport like(StubServer stub, String provider) {
        return switch (provider) {
            case "openai" -> new CannedTransport("application/json", List.of(stub.openAi), "text/event-stream", List.of(stub.openAiStream), Map.of());
            case "anthropic" -> new CannedTransport("application/json", List.of(stub.anthropic), "text/event-stream", List.of(stub.anthropicStream), Map.of());
            case "bedrock" -> new CannedTransport("application/json", List.of(stub.bedrock), "application/vnd.amazon.eventstream",
                    List.of(stub.bedrockStream), Map.of("x-amzn-RequestId", List.of(StubServer.BEDROCK_REQUEST_ID)));
            default -> throw new IllegalArgumentException("unknown provider '" + provider + "'");
        };
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler) {
        // llmux asks for SSE by its Accept header; reading the body for "stream": true, as the stub does, would be
        // charged to llmux here, where the stub's own thread is not
        boolean stream = request.uri().getPath().endsWith("/converse-stream") || "text/event-stream".equals(request.headers().get("Accept"));
        ResponseHead h = stream ? streamHead : head;
        List<byte[]> b = stream ? streamBody : body;
        // The transport contract hands out copies, so the body may be kept by the handler.
        return Flux.defer(() -> Flux.from(handler.handle(h, Flux.fromIterable(b).map(byte[]::clone))));
    }

    @Override
    public void close() {}
}
