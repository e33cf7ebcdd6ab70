package dev.llmux.internal.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Splits a byte stream into lines (LF or CRLF), for NDJSON bodies such as Ollama's. Blank lines are skipped; a
 * last line without a newline is emitted when the stream completes.
 */
public final class LineDecoder {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public static Flux<String> decode(Flux<byte[]> bytes) {
        return Flux.defer(() -> {
            LineDecoder decoder = new LineDecoder();
            return bytes.concatMapIterable(decoder::feed).concatWith(Flux.defer(() -> Flux.fromIterable(decoder.finish())));
        });
    }

    public List<String> feed(byte[] bytes) {
        List<String> out = new ArrayList<>(2);
        for (byte b : bytes) {
            if (b == '\n') {
                emit(out);
            } else {
                line.write(b);
            }
        }
        return out;
    }

    public List<String> finish() {
        List<String> out = new ArrayList<>(1);
        emit(out);
        return out;
    }

    private void emit(List<String> out) {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isBlank()) {
            out.add(s);
        }
    }
}
