package dev.llmux.gateway.http;

import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Server-sent events written and flushed one event at a time. An error after the first event becomes a final
 * {@code data: {"error":…}} event with no terminator after it, so a client never mistakes a cut answer for a
 * complete one.
 */
public final class SseBody {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseBody() {}

    /** OpenAI style: {@code data: <json>} per item, then {@code data: [DONE]}. */
    public static BodyInserter<Flux<Object>, ReactiveHttpOutputMessage> openAi(Flux<?> items) {
        return events(items.map(SseBody::data).concatWith(Mono.just(data("[DONE]".getBytes(StandardCharsets.US_ASCII))))
                .onErrorResume(e -> Mono.just(data(ErrorBodies.of(e).body()))));
    }

    /** Pre-formatted events (for Anthropic's {@code event:} lines). */
    public static BodyInserter<Flux<Object>, ReactiveHttpOutputMessage> events(Flux<byte[]> events) {
        return (message, context) -> {
            DataBufferFactory f = message.bufferFactory();
            Flux<Mono<DataBuffer>> perEvent = events.map(b -> Mono.just(f.wrap(b)));
            return message.writeAndFlushWith(perEvent);
        };
    }

    static byte[] data(Object item) {
        return data(Json.write(item));
    }

    static byte[] data(byte[] json) {
        byte[] out = new byte[DATA.length + json.length + END.length];
        System.arraycopy(DATA, 0, out, 0, DATA.length);
        System.arraycopy(json, 0, out, DATA.length, json.length);
        System.arraycopy(END, 0, out, DATA.length + json.length, END.length);
        return out;
    }

    /** {@code event: <name>\ndata: <json>\n\n}. */
    public static byte[] named(String event, Object data) {
        byte[] json = Json.write(data);
        byte[] head = ("event: " + event + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] d = data(json);
        byte[] out = new byte[head.length + d.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(d, 0, out, head.length, d.length);
        return out;
    }
}
