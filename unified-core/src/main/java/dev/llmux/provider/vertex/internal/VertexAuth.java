package dev.llmux.provider.vertex.internal;

import dev.llmux.error.AuthenticationException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.spi.ProviderCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Vertex AI credentials, in LiteLLM's order: a bearer token given directly ({@code vertex_access_token}, else
 * {@code api_key}), else credentials JSON from {@code vertex_credentials} (the JSON itself or a file path), else
 * the file {@code GOOGLE_APPLICATION_CREDENTIALS} names. Parsed credentials are kept per setting value (a file
 * is read once, off the event loop); tokens are cached by {@link AccessTokenCache}.
 */
public final class VertexAuth {

    /**
     * @param headers the {@code Authorization} header
     * @param credentialsProject the project of the credentials file, for when none is configured
     */
    public record Auth(Map<String, String> headers, @Nullable String credentialsProject) {}

    private final AccessTokenCache tokens = new AccessTokenCache();
    private final ConcurrentHashMap<String, GoogleCredentials> parsed = new ConcurrentHashMap<>();

    public Mono<Auth> resolve(ProviderCall call) {
        String direct = call.setting("vertex_access_token");
        if (direct == null) {
            direct = call.setting("api_key");
        }
        if (direct != null) {
            return Mono.just(new Auth(bearer(direct), null));
        }
        String source = call.setting("vertex_credentials", "GOOGLE_APPLICATION_CREDENTIALS");
        if (source == null) {
            return Mono.error(new AuthenticationException("no credentials for " + call.provider()
                    + ": set vertex_access_token, api_key, vertex_credentials or GOOGLE_APPLICATION_CREDENTIALS",
                    ErrorDetails.of(call.provider(), call.model(), 401)));
        }
        return credentials(source, call)
                .flatMap(c -> tokens.token(c, call).map(t -> new Auth(bearer(t), c.projectId())));
    }

    private Mono<GoogleCredentials> credentials(String source, ProviderCall call) {
        GoogleCredentials known = parsed.get(source);
        if (known != null) {
            return Mono.just(known);
        }
        boolean inline = source.strip().startsWith("{");
        Mono<GoogleCredentials> load = Mono.fromCallable(() -> GoogleCredentials.parse(inline ? source : read(source)));
        if (!inline) {
            load = load.subscribeOn(Schedulers.boundedElastic()); // file I/O never on an event loop
        }
        return load.doOnNext(c -> parsed.put(source, c))
                .onErrorMap(IllegalArgumentException.class, e -> new AuthenticationException(call.provider() + ": " + e.getMessage(),
                        ErrorDetails.of(call.provider(), call.model(), 401), e));
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the vertex credentials file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
