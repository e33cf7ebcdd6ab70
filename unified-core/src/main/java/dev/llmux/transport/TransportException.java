package dev.llmux.transport;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure below HTTP: the connection could not be made, a timeout fired, or the connection broke. Providers map
 * it into the {@link dev.llmux.error.LlmuxException} hierarchy with their name and model attached.
 */
public final class TransportException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** Refused, unresolvable host, TLS failure. */
        CONNECT,
        /** No connection within the connect timeout. */
        CONNECT_TIMEOUT,
        /** Connected, but no response headers within the first-byte timeout. */
        FIRST_BYTE_TIMEOUT,
        /** A streaming body went silent for longer than the idle timeout. */
        IDLE_TIMEOUT,
        /** The connection broke mid-response (reset, premature close). */
        IO
    }

    private final Kind kind;

    public TransportException(Kind kind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTimeout() {
        return kind == Kind.CONNECT_TIMEOUT || kind == Kind.FIRST_BYTE_TIMEOUT || kind == Kind.IDLE_TIMEOUT;
    }
}
