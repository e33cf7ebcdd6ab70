package dev.llmux.provider.bedrock.internal;

import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.provider.KnownUris;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where and as whom one Bedrock call goes: the runtime endpoint, the region, and either SigV4 credentials or a
 * Bedrock API key (bearer). Resolution order: an {@code api_key} setting (bearer) → {@code aws_access_key_id} /
 * {@code aws_secret_access_key} / {@code aws_session_token} settings → {@code AWS_BEARER_TOKEN_BEDROCK} →
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN}. A session token is taken
 * from the same place as the key pair, never mixed. {@link #toString()} shows no secret.
 */
public final class BedrockEndpoint {

    static final String SERVICE = "bedrock";
    /** LiteLLM's region when none is configured. */
    static final String DEFAULT_REGION = "us-west-2";

    private final URI base;
    private final String region;
    private final @Nullable AwsCredentials credentials;
    private final @Nullable String bearer;

    private BedrockEndpoint(URI base, String region, @Nullable AwsCredentials credentials, @Nullable String bearer) {
        this.base = base;
        this.region = region;
        this.credentials = credentials;
        this.bearer = bearer;
    }

    public static BedrockEndpoint resolve(ProviderCall call) {
        String region = call.setting("aws_region_name", "AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION");
        if (region == null) {
            region = DEFAULT_REGION;
        }
        String endpoint = call.setting("aws_bedrock_runtime_endpoint");
        if (endpoint == null) {
            endpoint = call.setting("api_base", "AWS_BEDROCK_RUNTIME_ENDPOINT");
        }
        if (endpoint == null) {
            endpoint = "https://bedrock-runtime." + region + ".amazonaws.com";
        }
        URI base;
        try {
            base = KnownUris.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Bedrock endpoint is not a valid URL: " + e.getMessage(), ErrorDetails.of(call.provider(), call.model(), 400));
        }
        if (base.getHost() == null || base.getScheme() == null) {
            throw new BadRequestException("Bedrock endpoint must be an absolute http(s) URL, was " + endpoint, ErrorDetails.of(call.provider(), call.model(), 400));
        }

        String apiKey = call.settings().apiKey();
        if (apiKey != null && !apiKey.isEmpty()) {
            return new BedrockEndpoint(base, region, null, apiKey);
        }
        String settingsKey = call.settings().get("aws_access_key_id");
        String settingsSecret = call.settings().get("aws_secret_access_key");
        if (settingsKey != null && settingsSecret != null) {
            return new BedrockEndpoint(base, region, new AwsCredentials(settingsKey, settingsSecret, call.settings().get("aws_session_token")), null);
        }
        String envBearer = call.env().apply("AWS_BEARER_TOKEN_BEDROCK");
        if (envBearer != null && !envBearer.isEmpty()) {
            return new BedrockEndpoint(base, region, null, envBearer);
        }
        String envKey = call.env().apply("AWS_ACCESS_KEY_ID");
        String envSecret = call.env().apply("AWS_SECRET_ACCESS_KEY");
        if (envKey != null && !envKey.isEmpty() && envSecret != null && !envSecret.isEmpty()) {
            return new BedrockEndpoint(base, region, new AwsCredentials(envKey, envSecret, call.env().apply("AWS_SESSION_TOKEN")), null);
        }
        throw new AuthenticationException("no credentials for bedrock: set aws_access_key_id and aws_secret_access_key (or AWS_ACCESS_KEY_ID / "
                + "AWS_SECRET_ACCESS_KEY, with AWS_SESSION_TOKEN for temporary credentials), or a Bedrock API key as api_key / AWS_BEARER_TOKEN_BEDROCK",
                ErrorDetails.of(call.provider(), call.model(), 401));
    }

    /** {@code base + path}, where {@code path} is already percent-encoded. */
    public URI uri(String encodedPath) {
        return KnownUris.create(base.toString() + encodedPath);
    }

    public String region() {
        return region;
    }

    /** A signed (SigV4) or bearer-authorized JSON POST. */
    public HttpRequest post(URI uri, byte[] body, Map<String, String> extraHeaders, java.time.Instant now) {
        HttpRequest request = HttpRequest.postJson(uri, extraHeaders, body);
        if (bearer != null) {
            return request.withHeader("Authorization", "Bearer " + bearer);
        }
        return new SigV4Signer(region, SERVICE).sign(request, credentials, now);
    }

    @Override
    public String toString() {
        return "BedrockEndpoint[" + base + ", region=" + region + ", auth=" + (bearer != null ? "bearer" : "sigv4 " + credentials) + "]";
    }
}
