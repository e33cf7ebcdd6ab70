package dev.llmux.provider.replicate.internal;

import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.internal.stream.SseEvent;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The HTTP side of one Replicate call: create a prediction, poll {@code urls.get} until it is terminal (cancelling
 * it through {@code urls.cancel} when the deadline passes), and open {@code urls.stream}.
 *
 * <p>Settings: {@code api_key} (else {@code REPLICATE_API_KEY}, else {@code REPLICATE_API_TOKEN}), {@code api_base}
 * (default {@code https://api.replicate.com}), {@code poll_interval} (seconds, default 1), {@code prediction_timeout}
 * (seconds, default 600), {@code prefer_wait} ({@code true}, or seconds up to 60: Replicate holds the create call
 * open until the prediction finishes or the time passes).
 *
 * <p>The key is sent only to the API's own origin: poll and cancel URLs the API hands back must share it (a
 * tampered response cannot send the key elsewhere), and the stream URL, which lives on another host and needs no
 * key, gets none unless it shares the origin too.
 */
public final class ReplicateClient {

    public static final String DEFAULT_API_BASE = "https://api.replicate.com";
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final ProviderCall call;
    private final Sleeper sleeper;
    private final String key;
    private final URI base;
    private final Duration pollInterval;
    private final Duration timeout;
    private final @Nullable String preferWait;

    private ReplicateClient(ProviderCall call, Sleeper sleeper) {
        this.call = call;
        this.sleeper = sleeper;
        this.key = call.requireApiKey("REPLICATE_API_KEY", "REPLICATE_API_TOKEN");
        String b = call.setting("api_base", "REPLICATE_API_BASE");
        this.base = uri((b == null ? DEFAULT_API_BASE : b).replaceAll("/+$", ""), "api_base");
        this.pollInterval = seconds("poll_interval", DEFAULT_POLL_INTERVAL);
        this.timeout = seconds("prediction_timeout", DEFAULT_TIMEOUT);
        this.preferWait = preferWait(call.setting("prefer_wait"));
    }

    /** A client for one call; reads and validates the settings now. */
    public static ReplicateClient of(ProviderCall call, Sleeper sleeper) {
        return new ReplicateClient(Objects.requireNonNull(call, "call"), Objects.requireNonNull(sleeper, "sleeper"));
    }

    /** When a call that starts now must be done. */
    public Instant deadline() {
        return call.clock().instant().plus(timeout);
    }

    /** Creates the prediction. */
    public Mono<ReplicateWire.Prediction> create(String path, ReplicateWire.CreatePrediction body) {
        Map<String, String> headers = authHeaders();
        if (preferWait != null) {
            headers.put("Prefer", preferWait);
        }
        HttpRequest req = HttpRequest.postJson(uri(base + path, "api_base"), headers, Json.write(body));
        return ProviderHttp.send(call, req, this::error).map(res -> prediction(res.body()));
    }

    /** Polls until the prediction is terminal; past {@code deadline} it is canceled and the call times out. */
    public Mono<ReplicateWire.Prediction> awaitTerminal(ReplicateWire.Prediction p, Instant deadline) {
        if (p.isTerminal()) {
            return Mono.just(p);
        }
        if (p.urls() == null || p.urls().get() == null) {
            return Mono.error(ProviderHttp.malformed(call, new IllegalStateException("prediction " + p.id() + " has no urls.get to poll")));
        }
        if (!call.clock().instant().isBefore(deadline)) {
            return cancel(p).then(Mono.error(() -> new RequestTimeoutException(call.provider() + " prediction " + p.id()
                    + " did not finish within " + timeout.toMillis() + " ms (status " + p.status() + "); it was canceled",
                    ErrorDetails.of(call.provider(), call.model(), 408))));
        }
        return sleeper.sleep(pollInterval)
                .then(Mono.defer(() -> get(p.urls().get())))
                .map(next -> next.urls() == null ? withUrls(next, p.urls()) : next)
                .flatMap(next -> awaitTerminal(next, deadline));
    }

    /** One poll of {@code urls.get}. */
    public Mono<ReplicateWire.Prediction> get(String url) {
        return Mono.defer(() -> ProviderHttp.send(call, HttpRequest.get(sameOrigin(url, "urls.get"), authHeaders()), this::error))
                .map(res -> prediction(res.body()));
    }

    /** Asks Replicate to stop the prediction; a failure to cancel does not hide the timeout that caused it. */
    Mono<Void> cancel(ReplicateWire.Prediction p) {
        if (p.urls() == null || p.urls().cancel() == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> ProviderHttp.send(call,
                        HttpRequest.postJson(sameOrigin(p.urls().cancel(), "urls.cancel"), authHeaders(), new byte[0]), this::error))
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    /** The server-sent events of {@code urls.stream}. */
    public Flux<SseEvent> stream(String url) {
        return Flux.defer(() -> {
            URI uri = uri(url, "urls.stream");
            Map<String, String> headers = isSameOrigin(uri) ? authHeaders() : new LinkedHashMap<>();
            headers.put("Accept", "text/event-stream");
            headers.put("Cache-Control", "no-store");
            return SseDecoder.decode(ProviderHttp.stream(call, HttpRequest.get(uri, headers), this::error));
        });
    }

    private ReplicateWire.Prediction prediction(byte[] body) {
        ReplicateWire.Prediction p = ProviderHttp.parse(call, body, ReplicateWire.Prediction.class);
        if (p.status() == null) {
            throw ProviderHttp.malformed(call, new IllegalStateException("the prediction has no status"));
        }
        return p;
    }

    private static ReplicateWire.Prediction withUrls(ReplicateWire.Prediction p, ReplicateWire.@Nullable Urls urls) {
        return new ReplicateWire.Prediction(p.id(), p.model(), p.version(), p.status(), p.output(), p.error(), urls, p.metrics(),
                p.createdAt());
    }

    private dev.llmux.error.LlmuxException error(dev.llmux.transport.ResponseHead head, byte[] body) {
        return ReplicateErrors.fromResponse(call.provider(), call.model(), head, body, call.clock().instant());
    }

    private Map<String, String> authHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + key);
        return h;
    }

    private URI sameOrigin(String url, String what) {
        URI uri = uri(url, what);
        if (!isSameOrigin(uri)) {
            throw new BadGatewayException(call.provider() + " returned a " + what + " on another origin (" + uri.getScheme() + "://"
                    + uri.getAuthority() + "); refusing to send the API key there", ErrorDetails.of(call.provider(), call.model(), 502));
        }
        return uri;
    }

    private boolean isSameOrigin(URI uri) {
        return Objects.equals(lower(uri.getScheme()), lower(base.getScheme())) && Objects.equals(lower(uri.getHost()), lower(base.getHost()))
                && port(uri) == port(base);
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private URI uri(String url, String what) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL: " + url);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            if ("api_base".equals(what)) {
                throw new BadRequestException(call.provider() + ": api_base is not a valid URL: " + e.getMessage(),
                        ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "api_base"));
            }
            throw ProviderHttp.malformed(call, new IllegalStateException(what + " is not a valid URL", e));
        }
    }

    private Duration seconds(String setting, Duration fallback) {
        String v = call.setting(setting);
        if (v == null) {
            return fallback;
        }
        try {
            BigDecimal s = new BigDecimal(v.trim());
            if (s.signum() <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(s.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequestException(call.provider() + ": setting " + setting + " must be a positive number of seconds, was \""
                    + v + "\"", ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, setting));
        }
    }

    private @Nullable String preferWait(@Nullable String v) {
        if (v == null || v.isBlank() || "false".equalsIgnoreCase(v.trim())) {
            return null;
        }
        if ("true".equalsIgnoreCase(v.trim())) {
            return "wait";
        }
        try {
            int s = Integer.parseInt(v.trim());
            if (s >= 1 && s <= 60) {
                return "wait=" + s;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new BadRequestException(call.provider() + ": setting prefer_wait must be true, false or 1-60 seconds, was \"" + v + "\"",
                ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "prefer_wait"));
    }
}
