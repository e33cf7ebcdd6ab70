package dev.llmux.provider.vertex.internal;

import dev.llmux.internal.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Google credentials JSON file, as {@code gcloud} and the Cloud console write it: a {@code service_account}
 * key (exchanged through a signed JWT) or an {@code authorized_user} (exchanged through its refresh token).
 * {@link #toString()} shows the account, never key material.
 *
 * @param type {@code service_account} or {@code authorized_user}
 * @param clientEmail the service account (service accounts)
 * @param privateKey its RSA key (service accounts)
 * @param privateKeyId the key id, sent as the JWT {@code kid}
 * @param tokenUri where tokens are minted
 * @param projectId the project the key belongs to, used when {@code vertex_project} is not set
 * @param clientId OAuth client (authorized users)
 * @param clientSecret OAuth client secret (authorized users)
 * @param refreshToken the user's refresh token (authorized users)
 */
public record GoogleCredentials(
        String type,
        @Nullable String clientEmail,
        @Nullable PrivateKey privateKey,
        @Nullable String privateKeyId,
        URI tokenUri,
        @Nullable String projectId,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String refreshToken) {

    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    /** Google accepts assertions valid for at most an hour. */
    static final long JWT_LIFETIME_SECONDS = 3600;

    /** Parses credentials JSON; fails naming the missing field, never quoting the content. */
    public static GoogleCredentials parse(String json) {
        JsonNode node;
        try {
            node = Json.tree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("vertex credentials are not valid JSON");
        }
        String type = Json.text(node, "type");
        String tokenUri = Json.text(node, "token_uri");
        URI uri = URI.create(tokenUri == null ? DEFAULT_TOKEN_URI : tokenUri);
        if ("authorized_user".equals(type)) {
            return new GoogleCredentials(type, null, null, null, uri, Json.text(node, "quota_project_id"),
                    require(node, "client_id"), require(node, "client_secret"), require(node, "refresh_token"));
        }
        if (!"service_account".equals(type)) {
            throw new IllegalArgumentException("vertex credentials must be of type service_account or authorized_user, was " + type);
        }
        return new GoogleCredentials(type, require(node, "client_email"), privateKey(require(node, "private_key")),
                Json.text(node, "private_key_id"), uri, Json.text(node, "project_id"), null, null, null);
    }

    private static String require(JsonNode node, String field) {
        String v = Json.text(node, field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("vertex credentials have no " + field);
        }
        return v;
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) as service-account files hold it. */
    static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the private_key of the vertex credentials is not a PKCS#8 RSA key");
        }
    }

    public boolean isServiceAccount() {
        return "service_account".equals(type);
    }

    /**
     * The RS256-signed JWT a service account trades for an access token: {@code iss} the account, {@code scope}
     * cloud-platform, {@code aud} the token URI, issued {@code now}, valid an hour.
     */
    public String signedJwt(Instant now) {
        if (privateKey == null) {
            throw new IllegalStateException("only service-account credentials sign JWTs");
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (privateKeyId != null) {
            header.put("kid", privateKeyId);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientEmail);
        claims.put("scope", SCOPE);
        claims.put("aud", tokenUri.toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + JWT_LIFETIME_SECONDS);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(Json.write(header)) + "." + b64.encodeToString(Json.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the vertex JWT with SHA256withRSA", e);
        }
    }

    /** A stable key for the token cache: the identity, not the secret. */
    String cacheKey() {
        return type + "|" + tokenUri + "|" + (isServiceAccount() ? clientEmail + "|" + privateKeyId : clientId + "|" + Integer.toHexString(refreshToken.hashCode()));
    }

    @Override
    public String toString() {
        return "GoogleCredentials[" + type + ", " + (clientEmail != null ? clientEmail : clientId) + "]";
    }
}
