package dev.llmux.bench;

import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.ResponseHead;
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

    CannedTransport(String contentType, List<byte[]> body) {
        this.head = new ResponseHead(200, Map.of("Content-Type", List.of(contentType)));
        this.body = body;
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler) {
        // The transport contract hands out copies, so the body may be kept by the handler.
        return Flux.defer(() -> Flux.from(handler.handle(head, Flux.fromIterable(body).map(byte[]::clone))));
    }

    @Override
    public void close() {}
}
