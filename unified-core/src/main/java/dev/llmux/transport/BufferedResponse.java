package dev.llmux.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
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

    /**
     * The whole body of {@code body}'s reads, which the caller hands over (a transport's reads are fresh arrays no
     * one else holds): a body that came in one read is kept as it is, a longer one is joined once, at its end.
     */
    public static Mono<BufferedResponse> collect(ResponseHead head, Flux<byte[]> body) {
        return body.collect(Reads::new, Reads::add).map(reads -> new BufferedResponse(head, reads.joined()));
    }

    /** A body's reads, in order. */
    private static final class Reads {
        private byte[] first = new byte[0];
        private @Nullable List<byte[]> more;
        private int size;

        void add(byte[] read) {
            if (read.length == 0) {
                return;
            }
            if (size == 0) {
                first = read;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                }
                more.add(read);
            }
            size = Math.addExact(size, read.length);
        }

        byte[] joined() {
            if (more == null) {
                return first;
            }
            byte[] all = new byte[size];
            System.arraycopy(first, 0, all, 0, first.length);
            int at = first.length;
            for (byte[] read : more) {
                System.arraycopy(read, 0, all, at, read.length);
                at += read.length;
            }
            return all;
        }
    }

    public int status() {
        return head.status();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
