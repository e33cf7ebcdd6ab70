package dev.llmux.testing;

import dev.llmux.spi.ProviderCall;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import reactor.core.publisher.Flux;

/** Provider calls for tests of mapping and decoding code that must never reach the network. */
public final class OfflineCalls {

    /** Fails every exchange: a test that reaches it is testing the wrong thing. */
    public static final HttpTransport NO_NETWORK = new HttpTransport() {
        @Override
        public <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler) {
            return Flux.error(new IllegalStateException("no network in this test"));
        }

        @Override
        public void close() {}
    };

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private OfflineCalls() {}

    /** A call to {@code provider}'s {@code model} with no settings, no environment and a fixed clock. */
    public static ProviderCall call(String provider, String model) {
        return new ProviderCall(provider, model, ProviderSettings.empty(), NO_NETWORK, CLOCK, name -> null, null);
    }
}
