package dev.llmux.provider.bedrock.internal;

import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4 for a non-S3 service (Bedrock signs as {@code bedrock}), written for llmux so no AWS SDK
 * is needed. Pure: the time comes from the caller. Steps as in the SigV4 spec (wire-formats §5.5): canonical
 * request → string to sign → derived key → {@code Authorization}.
 */
public final class SigV4Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** Headers botocore never signs: hop-by-hop, or rewritten by proxies and clients. */
    private static final Set<String> UNSIGNED = Set.of(
            "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
            "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "authorization");

    /**
     * One Mac and one digest per thread: {@code getInstance} looks the algorithm up in the providers every time. The
     * Mac stays initialized with the last key it used, so signing with the day's derived key skips the key set-up.
     */
    private static final class KeyedMac {
        final Mac mac;
        byte @Nullable [] key;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        }
    }

    private static final ThreadLocal<KeyedMac> MAC = ThreadLocal.withInitial(KeyedMac::new);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    });

    /**
     * The last derived signing key: it depends only on the secret, the day, the region and the service, so calls
     * on one day with the same credentials derive it once (four HMACs) instead of per request, as AWS SDKs do.
     */
    private record SigningKey(String secret, String date, String region, String service, byte[] key) {}

    private static volatile @Nullable SigningKey lastKey;

    /** The last second formatted as {@code X-Amz-Date}: calls in one second share it instead of formatting again. */
    private record Stamp(long epochSecond, String amzDate) {}

    private static volatile @Nullable Stamp lastStamp;

    /**
     * The parts of the canonical request that depend only on the URI, for the last URI signed: a client sends one
     * model's calls to one URI (the URIs themselves come from a bounded cache, so the identity check usually hits).
     */
    private record UriParts(URI uri, String path, String query, String host) {}

    private static volatile @Nullable UriParts lastUri;

    private final String region;
    private final String service;

    public SigV4Signer(String region, String service) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("SigV4 region must not be blank");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("SigV4 service must not be blank");
        }
        this.region = region;
        this.service = service;
    }

    /**
     * The request with {@code X-Amz-Date}, {@code X-Amz-Security-Token} (temporary credentials) and
     * {@code Authorization} added. {@code Host} is signed but not added: every HTTP client sets it from the URI.
     */
    public HttpRequest sign(HttpRequest request, AwsCredentials credentials, Instant now) {
        String amzDate = amzDate(now);
        String date = amzDate.substring(0, 8);
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(h -> h.equalsIgnoreCase("authorization") || h.equalsIgnoreCase("x-amz-date")
                || h.equalsIgnoreCase("x-amz-security-token"));
        headers.put("X-Amz-Date", amzDate);
        if (credentials.sessionToken() != null) {
            headers.put("X-Amz-Security-Token", credentials.sessionToken());
        }

        TreeMap<String, String> signed = canonicalHeaders(headers, request.uri());
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalRequest = canonicalRequest(request.method(), request.uri(), signed, signedHeaders, request.body());
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(hmac(signingKey(credentials.secretAccessKey(), date), stringToSign));

        headers.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return new HttpRequest(request.method(), request.uri(), headers, request.body(), request.firstByteTimeout());
    }

    private static String amzDate(Instant now) {
        Stamp stamp = lastStamp;
        long second = now.getEpochSecond();
        if (stamp == null || stamp.epochSecond() != second) {
            stamp = new Stamp(second, AMZ_DATE.format(Instant.ofEpochSecond(second)));
            lastStamp = stamp;
        }
        return stamp.amzDate();
    }

    private static UriParts uriParts(URI uri) {
        UriParts parts = lastUri;
        // by text, not URI.equals: that ignores the case of %-escapes, which the canonical path keeps
        if (parts == null || (parts.uri() != uri && !parts.uri().toString().equals(uri.toString()))) {
            parts = new UriParts(uri, canonicalUri(uri), canonicalQuery(uri.getRawQuery()), host(uri));
            lastUri = parts;
        }
        return parts;
    }

    /** The canonical request text (exposed for the test vector). */
    static String canonicalRequest(String method, URI uri, TreeMap<String, String> signed, String signedHeaders, byte[] body) {
        UriParts parts = uriParts(uri);
        StringBuilder sb = new StringBuilder(256 + parts.path().length() + parts.query().length());
        sb.append(method.toUpperCase(Locale.ROOT)).append('\n');
        sb.append(parts.path()).append('\n');
        sb.append(parts.query()).append('\n');
        signed.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        sb.append('\n').append(signedHeaders).append('\n');
        sb.append(hex(sha256(body)));
        return sb.toString();
    }

    /** Lower-cased signable headers with {@code host}, values trimmed and inner whitespace collapsed, sorted. */
    static TreeMap<String, String> canonicalHeaders(Map<String, String> headers, URI uri) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (UNSIGNED.contains(name) || name.equals("host")) {
                continue;
            }
            String value = collapseWhitespace(e.getValue().strip());
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        out.put("host", uriParts(uri).host());
        return out;
    }

    /** {@code value.replaceAll("\\s+", " ")} without a regex: runs of whitespace become one space. */
    static String collapseWhitespace(String value) {
        StringBuilder sb = null;
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (isRegexSpace(c)) {
                int end = i + 1;
                while (end < n && isRegexSpace(value.charAt(end))) {
                    end++;
                }
                if (sb == null && (c != ' ' || end - i > 1)) {
                    sb = new StringBuilder(n).append(value, 0, i);
                }
                if (sb != null) {
                    sb.append(' ');
                }
                i = end;
            } else {
                if (sb != null) {
                    sb.append(c);
                }
                i++;
            }
        }
        return sb == null ? value : sb.toString();
    }

    /** What {@code \\s} matches in a Java regex: space, tab, LF, VT, FF, CR. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The Host header value a client sends: the port only when it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return defaultPort ? host : host + ":" + port;
    }

    /**
     * The path with dot segments removed, then every segment URI-encoded again. The wire path is already encoded
     * ({@code %3A}); non-S3 services sign the double-encoded form ({@code %253A}).
     */
    static String canonicalUri(URI uri) {
        String raw = uri.getRawPath();
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        String normalized = removeDotSegments(raw);
        StringBuilder sb = new StringBuilder(normalized.length() + 16);
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '/') {
                sb.append('/');
            } else {
                encodeChar(sb, c);
            }
        }
        return sb.toString();
    }

    private static String removeDotSegments(String path) {
        if (path.startsWith("/") && !path.contains("/.")) {
            return path; // no dot segment: splitting and joining would give the same path back
        }
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".")) {
                if (i == segments.length - 1) {
                    out.add("");
                }
            } else if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (i == segments.length - 1) {
                    out.add("");
                }
            } else {
                out.add(s);
            }
        }
        return "/" + String.join("/", out);
    }

    /** Pairs sorted by encoded key then value; each side decoded from the wire then encoded the AWS way. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String k = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            pairs.add(new String[] {encode(decode(k)), encode(decode(v))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] p : pairs) {
            joined.add(p[0] + "=" + p[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 encoding of a whole value: everything but {@code A-Za-z0-9-_.~} becomes {@code %XX} (UTF-8). */
    public static String encode(String value) {
        int i = 0;
        while (i < value.length() && isUnreserved(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value; // nothing to encode
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static void encodeChar(StringBuilder sb, char c) {
        if (c < 0x80) {
            if (isUnreserved(c)) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
            }
        } else {
            sb.append(encode(String.valueOf(c)));
        }
    }

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private byte[] signingKey(String secret, String date) {
        SigningKey cached = lastKey;
        if (cached != null && cached.date().equals(date) && cached.region().equals(region) && cached.service().equals(service)
                && cached.secret().equals(secret)) {
            return cached.key();
        }
        byte[] key = deriveKey(secret, date);
        lastKey = new SigningKey(secret, date, region, service, key);
        return key;
    }

    private byte[] deriveKey(String secret, String date) {
        byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, "aws4_request");
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            KeyedMac keyed = MAC.get();
            if (keyed.key != key) { // by identity: derived keys are cached and never changed, other keys are fresh arrays
                keyed.mac.init(new SecretKeySpec(key, "HmacSHA256"));
                keyed.key = key;
            }
            return keyed.mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static byte[] sha256(byte[] data) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(data);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
