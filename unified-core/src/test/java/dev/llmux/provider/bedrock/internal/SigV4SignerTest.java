package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

    // The test vector of wire-formats §5.5 (matches botocore's SigV4Auth byte for byte).
    static final URI VECTOR_URI = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    static final byte[] VECTOR_BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}],\"inferenceConfig\":{\"maxTokens\":256}}"
            .getBytes(StandardCharsets.UTF_8);
    static final AwsCredentials VECTOR_CREDS = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    static final Instant VECTOR_TIME = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void should_produce_the_exact_signature_of_the_reference_vector() {
        HttpRequest signed = new SigV4Signer("us-east-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), VECTOR_CREDS, VECTOR_TIME);

        assertThat(signed.header("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=a4b82a857feb6b976e5110a3d87b2ce8cd6ecb0703e1d15db215a6a5e5d1f32a");
        assertThat(signed.header("X-Amz-Date")).isEqualTo("20240101T000000Z");
        assertThat(signed.header("X-Amz-Security-Token")).isNull();
        assertThat(signed.header("Content-Type")).isEqualTo("application/json");
        assertThat(signed.body()).isEqualTo(VECTOR_BODY);
    }

    @Test
    void should_build_the_exact_canonical_request_of_the_reference_vector() {
        TreeMap<String, String> headers = SigV4Signer.canonicalHeaders(Map.of("Content-Type", "application/json", "X-Amz-Date", "20240101T000000Z"), VECTOR_URI);
        String canonical = SigV4Signer.canonicalRequest("POST", VECTOR_URI, headers, "content-type;host;x-amz-date", VECTOR_BODY);

        assertThat(canonical).isEqualTo("""
                POST
                /model/anthropic.claude-3-haiku-20240307-v1%253A0/converse

                content-type:application/json
                host:bedrock-runtime.us-east-1.amazonaws.com
                x-amz-date:20240101T000000Z

                content-type;host;x-amz-date
                d8695502972bd4d482308b656a524b7a7efcebba591a06801fadba6b39700dd1""");
        assertThat(SigV4Signer.hex(SigV4Signer.sha256(canonical.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("f2cb8fd8b66673492101d5761ad997ebfc1fdd4e2594bee69328f48472ff611e");
    }

    @Test
    void should_sign_the_session_token_of_temporary_credentials() {
        AwsCredentials temporary = new AwsCredentials("ASIAEXAMPLE", "secret", "FwoGZXIvYXdzEXAMPLETOKEN");
        HttpRequest signed = new SigV4Signer("eu-west-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), temporary, VECTOR_TIME);

        assertThat(signed.header("X-Amz-Security-Token")).isEqualTo("FwoGZXIvYXdzEXAMPLETOKEN");
        assertThat(signed.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20240101/eu-west-1/bedrock/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=")
                .matches(".*Signature=[0-9a-f]{64}");
    }

    @Test
    void should_sign_the_port_of_a_non_default_endpoint_as_part_of_host() {
        assertThat(SigV4Signer.host(URI.create("http://localhost:8089/model/x/converse"))).isEqualTo("localhost:8089");
        assertThat(SigV4Signer.host(URI.create("https://Bedrock-Runtime.us-east-1.amazonaws.com:443/x"))).isEqualTo("bedrock-runtime.us-east-1.amazonaws.com");
    }

    @Test
    void should_double_encode_path_segments_and_remove_dot_segments() {
        assertThat(SigV4Signer.canonicalUri(URI.create("https://h/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.x/converse")))
                .isEqualTo("/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A1%253Ainference-profile%252Fus.x/converse");
        assertThat(SigV4Signer.canonicalUri(URI.create("https://h/a/./b/../c"))).isEqualTo("/a/c");
        assertThat(SigV4Signer.canonicalUri(URI.create("https://h"))).isEqualTo("/");
    }

    @Test
    void should_sort_and_encode_the_canonical_query() {
        assertThat(SigV4Signer.canonicalQuery("b=2&a=x%20y&a=1")).isEqualTo("a=1&a=x%20y&b=2");
        assertThat(SigV4Signer.canonicalQuery(null)).isEmpty();
    }

    @Test
    void should_trim_and_collapse_header_values_and_skip_unsigned_headers() {
        TreeMap<String, String> h = SigV4Signer.canonicalHeaders(
                Map.of("X-Custom", "  a   b  ", "User-Agent", "llmux", "Connection", "keep-alive"), URI.create("https://h/"));
        assertThat(h).containsExactly(Map.entry("host", "h"), Map.entry("x-custom", "a b"));
    }

    @Test
    void should_hide_secrets_in_credentials_to_string() {
        AwsCredentials c = new AwsCredentials("AKID", "topsecret", "sessiontoken");
        assertThat(c.toString()).contains("AKID").doesNotContain("topsecret").doesNotContain("sessiontoken");
        assertThatThrownBy(() -> new AwsCredentials(" ", "s", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_sign_with_the_right_key_when_credentials_regions_and_days_alternate() {
        String reference = new SigV4Signer("us-east-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), VECTOR_CREDS, VECTOR_TIME)
                .header("Authorization");
        AwsCredentials other = new AwsCredentials("AKIDOTHER", "another-secret", null);

        // each differs from the reference in what the derived key depends on; none may reuse the reference's key
        String otherSecret = new SigV4Signer("us-east-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY),
                new AwsCredentials("AKIDEXAMPLE", "another-secret", null), VECTOR_TIME).header("Authorization");
        String otherRegion = new SigV4Signer("eu-west-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), VECTOR_CREDS, VECTOR_TIME)
                .header("Authorization");
        String otherDay = new SigV4Signer("us-east-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), VECTOR_CREDS,
                VECTOR_TIME.plusSeconds(86_400)).header("Authorization");
        new SigV4Signer("us-east-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), other, VECTOR_TIME);
        String again = new SigV4Signer("us-east-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), VECTOR_CREDS, VECTOR_TIME)
                .header("Authorization");

        assertThat(again).isEqualTo(reference);
        assertThat(signature(otherSecret)).isNotEqualTo(signature(reference));
        assertThat(signature(otherRegion)).isNotEqualTo(signature(reference));
        assertThat(signature(otherDay)).isNotEqualTo(signature(reference));
        // the same inputs give the same signature whatever was signed in between
        assertThat(new SigV4Signer("us-east-1", "bedrock").sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY),
                new AwsCredentials("AKIDEXAMPLE", "another-secret", null), VECTOR_TIME).header("Authorization")).isEqualTo(otherSecret);
    }

    @Test
    void should_sign_each_uri_and_second_as_itself_when_calls_alternate_between_them() {
        URI other = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com:8443/model/amazon.nova-lite-v1%3A0/converse-stream?a=1");
        SigV4Signer signer = new SigV4Signer("us-east-1", "bedrock");
        String reference = signer.sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), VECTOR_CREDS, VECTOR_TIME).header("Authorization");

        HttpRequest otherSigned = signer.sign(HttpRequest.postJson(other, Map.of(), VECTOR_BODY), VECTOR_CREDS, VECTOR_TIME.plusSeconds(1));
        HttpRequest back = signer.sign(HttpRequest.postJson(VECTOR_URI, Map.of(), VECTOR_BODY), VECTOR_CREDS, VECTOR_TIME.plusMillis(999));

        // what was signed in between (another URI, the next second) must not leak into a later signature
        assertThat(back.header("Authorization")).isEqualTo(reference);
        assertThat(back.header("X-Amz-Date")).isEqualTo("20240101T000000Z");
        assertThat(otherSigned.header("X-Amz-Date")).isEqualTo("20240101T000001Z");
        TreeMap<String, String> otherHeaders = SigV4Signer.canonicalHeaders(Map.of("Content-Type", "application/json"), other);
        assertThat(SigV4Signer.canonicalRequest("POST", other, otherHeaders, "content-type;host", VECTOR_BODY))
                .startsWith("POST\n/model/amazon.nova-lite-v1%253A0/converse-stream\na=1\ncontent-type:application/json\n"
                        + "host:bedrock-runtime.us-east-1.amazonaws.com:8443\n");
        assertThat(SigV4Signer.canonicalHeaders(Map.of(), VECTOR_URI)).containsEntry("host", "bedrock-runtime.us-east-1.amazonaws.com");
        // URI.equals calls these two equal; their canonical paths are not
        URI lower = URI.create(VECTOR_URI.toString().replace("%3A", "%3a"));
        assertThat(SigV4Signer.canonicalRequest("POST", VECTOR_URI, otherHeaders, "content-type;host", VECTOR_BODY)).contains("v1%253A0");
        assertThat(SigV4Signer.canonicalRequest("POST", lower, otherHeaders, "content-type;host", VECTOR_BODY)).contains("v1%253a0");
    }

    private static String signature(String authorization) {
        return authorization.substring(authorization.indexOf("Signature=") + 10);
    }

    @Test
    void should_collapse_whitespace_exactly_as_the_regex_did() {
        String[] values = {"", "a", "a b", "a  b", "a\tb", " a ", "a \t\n\u000B\f\r b", "\t", "plain-value", "x\u00A0y", "a\u2003b", "a b  c d\t\te"};
        for (String v : values) {
            assertThat(SigV4Signer.collapseWhitespace(v)).as("'%s'", v).isEqualTo(v.replaceAll("\\s+", " "));
        }
        String plain = "application/json";
        assertThat(SigV4Signer.collapseWhitespace(plain)).isSameAs(plain);
    }

    @Test
    void should_encode_every_character_a_raw_path_can_hold_as_the_byte_encoder_does() {
        String raw = "/AZaz09-_~!$&'()*+,;=:@%20%3A/x";
        URI uri = URI.create("https://h.example" + raw);
        StringBuilder expected = new StringBuilder();
        for (char c : raw.toCharArray()) {
            expected.append(c == '/' ? "/" : SigV4Signer.encode(String.valueOf(c)));
        }

        assertThat(uri.getRawPath()).isEqualTo(raw);
        assertThat(SigV4Signer.canonicalUri(uri)).isEqualTo(expected.toString())
                .isEqualTo("/AZaz09-_~%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40%2520%253A/x");
        assertThat(SigV4Signer.encode("anthropic.claude-3-haiku-20240307-v1:0")).isEqualTo("anthropic.claude-3-haiku-20240307-v1%3A0");
        assertThat(SigV4Signer.encode("already-safe_~.")).isEqualTo("already-safe_~.");
    }
}
