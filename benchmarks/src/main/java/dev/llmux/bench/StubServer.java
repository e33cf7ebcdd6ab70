package dev.llmux.bench;

import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * An in-process, instant, keep-alive stub of the three provider APIs on loopback, serving canned bytes from
 * {@link Payloads}: {@code /v1/chat/completions} (OpenAI), {@code /v1/messages} (Anthropic), and
 * {@code /model/{id}/converse[-stream]} (Bedrock). A request whose body contains {@code "stream":true} gets the
 * stream. It runs on its own single event-loop thread named {@code stub-*}, so the harness can subtract the stub's
 * CPU from the process's and charge the client only for its own.
 */
public final class StubServer implements AutoCloseable {

    static final String THREAD_PREFIX = "stub-";
    private static final byte[] STREAM_NAME = "\"stream\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.UTF_8);

    private final LoopResources loops;
    private final DisposableServer server;
    final byte[] openAi = Payloads.openAiResponse();
    final byte[] anthropic = Payloads.anthropicResponse();
    final byte[] bedrock = Payloads.bedrockResponse();
    static final String BEDROCK_REQUEST_ID = "6d0f1a4e-3c2b-4f8e-9a71-5b2c8d9e0f13";
    final byte[] openAiStream;
    final byte[] anthropicStream;
    final byte[] bedrockStream;

    public StubServer(int streamChunks) {
        openAiStream = Payloads.concat(Payloads.openAiStream(streamChunks));
        anthropicStream = Payloads.concat(Payloads.anthropicStream(streamChunks));
        bedrockStream = Payloads.concat(Payloads.bedrockStream(streamChunks));
        loops = LoopResources.create(THREAD_PREFIX + "loop", 1, true);
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .handle(this::handle)
                .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    private Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        String path = req.uri();
        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            boolean stream = asksForStream(body);
            byte[] out;
            String type = "application/json";
            if (path.endsWith("/chat/completions")) {
                out = stream ? openAiStream : openAi;
                type = stream ? "text/event-stream" : type;
            } else if (path.endsWith("/v1/messages")) {
                out = stream ? anthropicStream : anthropic;
                type = stream ? "text/event-stream" : type;
            } else if (path.endsWith("/converse-stream")) {
                out = bedrockStream;
                type = "application/vnd.amazon.eventstream";
            } else if (path.endsWith("/converse")) {
                out = bedrock;
            } else {
                return res.status(404).send().then();
            }
            if (path.contains("/model/")) {
                res.header("x-amzn-RequestId", BEDROCK_REQUEST_ID); // as Bedrock sends with every answer
            }
            return res.header("Content-Type", type)
                    .header("Content-Length", Integer.toString(out.length))
                    .send(Mono.just(Unpooled.wrappedBuffer(out)))
                    .then();
        });
    }

    /** {@code "stream": true} anywhere in the body, spaced or not (LangChain4j pretty-prints its requests). */
    static boolean asksForStream(byte[] body) {
        for (int at = indexOf(body, STREAM_NAME, 0); at >= 0; at = indexOf(body, STREAM_NAME, at + 1)) {
            int colon = skipSpaces(body, at + STREAM_NAME.length);
            if (colon < body.length && body[colon] == ':' && startsWith(body, TRUE, skipSpaces(body, colon + 1))) {
                return true;
            }
        }
        return false;
    }

    private static int skipSpaces(byte[] body, int i) {
        while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        for (int i = from; i <= hay.length - needle.length; i++) {
            if (startsWith(hay, needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] hay, byte[] prefix, int at) {
        if (at + prefix.length > hay.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (hay[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    /** CPU nanoseconds used so far by the stub's own threads. */
    public static long stubCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : mx.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith(THREAD_PREFIX)) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    total += t;
                }
            }
        }
        return total;
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.disposeLater().block();
    }
}
