package dev.llmux.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response whose body has been read whole.
 *
 * @param head status and headers
 * @param body every body byte
 */
public record BufferedResponse(ResponseHead head, byte[] body) {

    public BufferedResponse {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
    }

    public static Mono<BufferedResponse> collect(ResponseHead head, Flux<byte[]> body) {
        return body.collect(ByteArrayOutputStream::new, (out, b) -> out.write(b, 0, b.length))
                .map(out -> new BufferedResponse(head, out.toByteArray()));
    }

    public int status() {
        return head.status();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
