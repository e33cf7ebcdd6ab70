package dev.llmux.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport-level limits.
 *
 * @param connectTimeout time to establish a connection
 * @param firstByteTimeout time from sending the request to the response headers
 * @param idleTimeout longest silence allowed between two pieces of a streaming body
 * @param maxConnections pooled connections per transport (Reactor Netty)
 */
public record TransportSettings(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, int maxConnections) {

    public TransportSettings {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("firstByteTimeout", firstByteTimeout);
        requirePositive("idleTimeout", idleTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Connect 10 s, first byte 600 s (LiteLLM's request timeout), idle 120 s, 500 connections. */
    public static TransportSettings defaults() {
        return new TransportSettings(Duration.ofSeconds(10), Duration.ofSeconds(600), Duration.ofSeconds(120), 500);
    }

    public TransportSettings withConnectTimeout(Duration d) {
        return new TransportSettings(d, firstByteTimeout, idleTimeout, maxConnections);
    }

    public TransportSettings withFirstByteTimeout(Duration d) {
        return new TransportSettings(connectTimeout, d, idleTimeout, maxConnections);
    }

    public TransportSettings withIdleTimeout(Duration d) {
        return new TransportSettings(connectTimeout, firstByteTimeout, d, maxConnections);
    }

    public TransportSettings withMaxConnections(int n) {
        return new TransportSettings(connectTimeout, firstByteTimeout, idleTimeout, n);
    }
}
