package dev.llmux.provider.vertex.internal;

import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.ErrorClassifier;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.ResponseHead;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

/**
 * OAuth2 access tokens for Google credentials, cached per identity until {@link #REFRESH_MARGIN} before they
 * expire.
 *
 * <p>Thread-safe and non-blocking: each identity has one cached {@link Mono}; concurrent callers while a token
 * is being minted share that one exchange, and once the token is close to expiry the next caller starts one new
 * exchange that the others then share. A failed exchange is not cached, so the next call tries again.
 */
public final class AccessTokenCache {

    /** Refresh this long before expiry, so a token never runs out in the middle of a long stream. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    record AccessToken(String value, Instant expiresAt) {}

    private final ConcurrentHashMap<String, Mono<AccessToken>> tokens = new ConcurrentHashMap<>();

    /** A valid access token for {@code credentials}, minted through {@code call}'s transport when needed. */
    public Mono<String> token(GoogleCredentials credentials, ProviderCall call) {
        Clock clock = call.clock();
        return tokens.computeIfAbsent(credentials.cacheKey(),
                        k -> Mono.defer(() -> exchange(credentials, call))
                                .cacheInvalidateIf(t -> !clock.instant().isBefore(t.expiresAt().minus(REFRESH_MARGIN))))
                .map(AccessToken::value);
    }

    private static Mono<AccessToken> exchange(GoogleCredentials c, ProviderCall call) {
        Instant now = call.clock().instant();
        String form = c.isServiceAccount()
                ? "grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + enc(c.signedJwt(now))
                : "grant_type=refresh_token&client_id=" + enc(c.clientId()) + "&client_secret=" + enc(c.clientSecret())
                        + "&refresh_token=" + enc(c.refreshToken());
        HttpRequest req = new HttpRequest("POST", c.tokenUri(), Map.of("Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.US_ASCII), null);
        return ProviderHttp.send(call, req, (head, body) -> tokenError(call, head, body))
                .map(res -> {
                    JsonNode node = ProviderHttp.parse(call, res.body(), JsonNode.class);
                    String token = Json.text(node, "access_token");
                    if (token == null || token.isEmpty()) {
                        throw ProviderHttp.malformed(call, new IllegalStateException("the token endpoint answered without access_token"));
                    }
                    long expiresIn = node.path("expires_in").asLong(3600);
                    return new AccessToken(token, now.plusSeconds(expiresIn));
                });
    }

    /** OAuth errors ({@code {"error":"invalid_grant","error_description":…}}): a 4xx means the credentials are bad. */
    private static LlmuxException tokenError(ProviderCall call, ResponseHead head, byte[] body) {
        String code = null;
        String description = null;
        if (Json.isJson(body)) {
            JsonNode node = Json.tree(body);
            code = node.path("error").isString() ? node.path("error").asString() : null;
            description = Json.text(node, "error_description");
        }
        int status = head.status() >= 400 && head.status() < 500 && head.status() != 429 ? 401 : head.status();
        ErrorDetails details = ErrorDetails.of(call.provider(), call.model(), status).withType("oauth_error", code, null);
        String message = "could not obtain a Google access token: " + (description != null ? description : code != null ? code : "HTTP " + head.status());
        return ErrorClassifier.classify(details, message, null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
