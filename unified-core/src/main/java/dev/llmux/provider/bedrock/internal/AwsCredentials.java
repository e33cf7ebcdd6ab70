package dev.llmux.provider.bedrock.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An AWS access key pair, with the session token of temporary credentials. {@link #toString()} shows only the
 * access key id: the secret and the token are credentials.
 *
 * @param accessKeyId the access key id ({@code AKIA…} or {@code ASIA…})
 * @param secretAccessKey the secret key
 * @param sessionToken the session token of temporary credentials, or null
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {

    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("AWS access key id and secret access key must not be blank");
        }
        sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***" + (sessionToken == null ? "" : ", sessionToken=***") + "]";
    }
}
