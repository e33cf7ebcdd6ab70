package dev.llmux.provider.bedrock;

import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.ResponseHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;

/**
 * A transport that records each request and answers with a fixed head and body chunks, for exact byte-level
 * control (the real Bedrock host in the SigV4 vector, a body split at a chosen byte).
 */
final class StubTransport implements HttpTransport {

    final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
    private final int status;
    private final Map<String, List<String>> headers;
    private volatile List<byte[]> chunks;

    StubTransport(int status, Map<String, List<String>> headers, List<byte[]> chunks) {
        this.status = status;
        this.headers = headers;
        this.chunks = new ArrayList<>(chunks);
    }

    /** Answers later requests with these body chunks. */
    void respondWith(List<byte[]> chunks) {
        this.chunks = new ArrayList<>(chunks);
    }

    /** The body split into two chunks at {@code cut} (either may be empty and is then left out). */
    static List<byte[]> splitAt(byte[] body, int cut) {
        List<byte[]> out = new ArrayList<>();
        if (cut > 0) {
            out.add(java.util.Arrays.copyOfRange(body, 0, cut));
        }
        if (cut < body.length) {
            out.add(java.util.Arrays.copyOfRange(body, cut, body.length));
        }
        return out;
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler) {
        return Flux.defer(() -> {
            requests.add(request);
            List<byte[]> body = chunks;
            // fresh arrays, as a transport hands out: a handler may keep them
            return Flux.from(handler.handle(new ResponseHead(status, headers), Flux.fromIterable(body).map(byte[]::clone)));
        });
    }

    @Override
    public void close() {}
}
