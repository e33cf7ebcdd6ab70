package dev.llmux.bench;

/** One way of making the benchmark's chat call against the stub; each returns what its API returns. */
public interface BenchClient extends AutoCloseable {

    /** One non-streaming call; returns the parsed answer (or the bytes, for the floor) so JMH can consume it. */
    Object chat();

    /** One streaming call consumed to the end; returns the number of chunks (events, for the floor). */
    default long stream() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no streaming benchmark");
    }

    @Override
    default void close() {}
}
