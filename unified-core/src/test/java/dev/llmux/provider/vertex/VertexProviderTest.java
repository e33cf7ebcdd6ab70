package dev.llmux.provider.vertex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmux.provider.gemini.GeminiFixtures.json;
import static dev.llmux.provider.gemini.GeminiFixtures.sse;
import static dev.llmux.provider.gemini.GeminiFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadRequestException;
import dev.llmux.internal.json.Json;
import dev.llmux.provider.gemini.GeminiFixtures;
import dev.llmux.spi.ProviderSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

class VertexProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GENERATE = "/v1/projects/%s/locations/%s/publishers/google/models/%s:generateContent";
    private static KeyPair keys;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    private static String serviceAccountJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> sa = new HashMap<>();
        sa.put("type", "service_account");
        sa.put("project_id", "sa-project");
        sa.put("private_key_id", "key-123");
        sa.put("private_key", pem);
        sa.put("client_email", "llmux@sa-project.iam.gserviceaccount.com");
        sa.put("client_id", "1234567890");
        sa.put("token_uri", wm.baseUrl() + "/token");
        return Json.writeString(sa);
    }

    private static Llmux llmux(Map<String, String> settings, java.time.Clock clock, Map<String, String> env) {
        return Llmux.builder().clock(clock).env(env::get).settings("vertex_ai", ProviderSettings.of(settings)).build();
    }

    private static void stubToken(String token, long expiresIn) {
        wm.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}")));
    }

    private static List<LoggedRequest> requests(String url) {
        return wm.findAll(postRequestedFor(urlEqualTo(url)));
    }

    private static Map<String, String> form(LoggedRequest r) {
        return Arrays.stream(r.getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    }

    @Test
    void should_mint_token_with_rs256_jwt_and_call_vertex_with_credentials_project() throws Exception {
        stubToken("ya29.token-1", 3600);
        String url = GENERATE.formatted("sa-project", "us-central1", "gemini-2.5-pro");
        wm.stubFor(post(urlEqualTo(url)).willReturn(json(200, "text-response.json")));

        try (Llmux llmux = llmux(Map.of("vertex_credentials", serviceAccountJson(), "api_base", wm.baseUrl()), GeminiFixtures.CLOCK, Map.of())) {
            ChatResponse res = llmux.chat("vertex_ai/gemini-2.5-pro", ChatMessage.user("hi"));
            assertThat(res.text()).isEqualTo("Paris is the capital of France.");
        }

        wm.verify(postRequestedFor(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer ya29.token-1")));
        LoggedRequest tokenRequest = requests("/token").get(0);
        assertThat(tokenRequest.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> form = form(tokenRequest);
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        assertThat(jwt).hasSize(3);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        assertThat(Json.tree(Base64.getUrlDecoder().decode(jwt[0]))).isEqualTo(tree("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-123\"}"));
        long iat = GeminiFixtures.NOW.getEpochSecond();
        assertThat(Json.tree(Base64.getUrlDecoder().decode(jwt[1]))).isEqualTo(tree("""
                {"iss":"llmux@sa-project.iam.gserviceaccount.com","scope":"https://www.googleapis.com/auth/cloud-platform",
                 "aud":"%s/token","iat":%d,"exp":%d}""".formatted(wm.baseUrl(), iat, iat + 3600)));
    }

    @Test
    void should_reuse_token_until_five_minutes_before_expiry_then_refresh_once() {
        wm.stubFor(post(urlEqualTo("/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\":\"tok-1\",\"expires_in\":3600}")));
        wm.stubFor(post(urlEqualTo("/token")).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\":\"tok-2\",\"expires_in\":3600}")));
        String url = GENERATE.formatted("my-project", "europe-west4", "gemini-2.5-flash");
        wm.stubFor(post(urlEqualTo(url)).willReturn(json(200, "text-response.json")));
        MutableClock clock = new MutableClock(GeminiFixtures.NOW);

        try (Llmux llmux = llmux(Map.of("vertex_credentials", serviceAccountJson(), "api_base", wm.baseUrl(),
                "vertex_project", "my-project", "vertex_location", "europe-west4"), clock, Map.of())) {
            llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("1"));
            clock.advance(Duration.ofMinutes(54));
            llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("2"));
            clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 55 min + 1 s: inside the 5 minute margin
            llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("3"));
            llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("4"));
        }

        assertThat(requests("/token")).hasSize(2);
        assertThat(requests(url)).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2", "Bearer tok-2");
    }

    @Test
    void should_share_one_token_exchange_between_concurrent_calls() {
        wm.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200).withFixedDelay(400)
                .withBody("{\"access_token\":\"tok-shared\",\"expires_in\":3600}")));
        String url = GENERATE.formatted("sa-project", "us-central1", "gemini-2.5-flash");
        wm.stubFor(post(urlEqualTo(url)).willReturn(json(200, "text-response.json")));

        try (Llmux llmux = llmux(Map.of("vertex_credentials", serviceAccountJson(), "api_base", wm.baseUrl()), GeminiFixtures.CLOCK, Map.of())) {
            ChatRequest req = ChatRequest.builder().model("vertex_ai/gemini-2.5-flash").addUser("hi").build();
            List<ChatResponse> all = Flux.range(0, 6).flatMap(i -> llmux.chatAsync(req), 6).collectList().block(Duration.ofSeconds(30));
            assertThat(all).hasSize(6);
        }

        assertThat(requests("/token")).hasSize(1);
        assertThat(requests(url)).hasSize(6).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-shared"));
    }

    @Test
    void should_read_credentials_file_named_by_google_application_credentials(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sa.json");
        Files.writeString(file, serviceAccountJson());
        stubToken("tok-file", 3600);
        String url = GENERATE.formatted("env-project", "global", "gemini-2.5-flash");
        wm.stubFor(post(urlEqualTo(url)).willReturn(json(200, "text-response.json")));

        try (Llmux llmux = llmux(Map.of("api_base", wm.baseUrl()), GeminiFixtures.CLOCK, Map.of(
                "GOOGLE_APPLICATION_CREDENTIALS", file.toString(), "VERTEXAI_PROJECT", "env-project", "VERTEXAI_LOCATION", "global"))) {
            llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("hi"));
        }

        wm.verify(postRequestedFor(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer tok-file")));
    }

    @Test
    void should_fail_with_authentication_error_when_token_exchange_is_refused_and_retry_next_time() {
        wm.stubFor(post(urlEqualTo("/token")).inScenario("refused").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")));
        wm.stubFor(post(urlEqualTo("/token")).inScenario("refused").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\":\"tok-after\",\"expires_in\":3600}")));
        String url = GENERATE.formatted("sa-project", "us-central1", "gemini-2.5-flash");
        wm.stubFor(post(urlEqualTo(url)).willReturn(json(200, "text-response.json")));

        try (Llmux llmux = llmux(Map.of("vertex_credentials", serviceAccountJson(), "api_base", wm.baseUrl()), GeminiFixtures.CLOCK, Map.of())) {
            AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                    () -> llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("hi")));
            assertThat(e).hasMessageContaining("Invalid JWT Signature.").hasMessageNotContaining("PRIVATE KEY");
            assertThat(e.details().errorCode()).isEqualTo("invalid_grant");

            llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("hi"));
        }
        assertThat(requests(url)).extracting(r -> r.getHeader("Authorization")).containsExactly("Bearer tok-after");
    }

    @Test
    void should_fail_clearly_without_credentials_or_project() {
        try (Llmux llmux = llmux(Map.of("api_base", wm.baseUrl()), GeminiFixtures.CLOCK, Map.of())) {
            AuthenticationException noCreds = catchThrowableOfType(AuthenticationException.class,
                    () -> llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("hi")));
            assertThat(noCreds).hasMessageContaining("vertex_credentials").hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
        }
        try (Llmux llmux = llmux(Map.of("api_base", wm.baseUrl(), "vertex_access_token", "direct"), GeminiFixtures.CLOCK, Map.of())) {
            BadRequestException noProject = catchThrowableOfType(BadRequestException.class,
                    () -> llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("hi")));
            assertThat(noProject).hasMessageContaining("vertex_project");
        }
        try (Llmux llmux = llmux(Map.of("vertex_credentials", "{\"type\":\"service_account\",\"client_email\":\"x@y\"}"), GeminiFixtures.CLOCK, Map.of())) {
            AuthenticationException bad = catchThrowableOfType(AuthenticationException.class,
                    () -> llmux.chat("vertex_ai/gemini-2.5-flash", ChatMessage.user("hi")));
            assertThat(bad).hasMessageContaining("private_key");
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_stream_with_direct_token_and_send_labels() {
        String url = "/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
        wm.stubFor(post(urlEqualTo(url)).willReturn(sse("stream-text.sse")));

        try (Llmux llmux = llmux(Map.of("vertex_access_token", "direct-token", "vertex_project", "p1", "api_base", wm.baseUrl()),
                GeminiFixtures.CLOCK, Map.of())) {
            // Warm the transport up so the 5 s bound covers only the stream.
            llmux.chatAsync(ChatRequest.builder().model("vertex_ai/warm").addUser("x").build()).onErrorResume(e -> Mono.empty())
                    .block(Duration.ofSeconds(60));
            wm.resetRequests();
            ChatRequest req = ChatRequest.builder().model("vertex_ai/gemini-2.5-flash").addUser("Hi").extra("labels", Map.of("team", "search")).build();
            StringBuilder text = new StringBuilder();
            StepVerifier.create(llmux.stream(req))
                    .thenConsumeWhile(c -> true, (ChatChunk c) -> text.append(c.text() == null ? "" : c.text()))
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
            assertThat(text).hasToString("Hello there!");
        }

        wm.verify(postRequestedFor(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer direct-token")));
        assertThat(GeminiFixtures.onlyRequestBody(wm)).isEqualTo(tree("""
                {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"labels":{"team":"search"}}"""));
    }

    @Test
    void should_embed_through_predict() {
        String url = "/v1/projects/p1/locations/us-central1/publishers/google/models/text-embedding-005:predict";
        wm.stubFor(post(urlEqualTo(url)).willReturn(json(200, "vertex-predict-response.json")));

        EmbeddingResponse res;
        try (Llmux llmux = llmux(Map.of("api_key", "direct-token", "vertex_project", "p1", "api_base", wm.baseUrl()), GeminiFixtures.CLOCK, Map.of())) {
            res = llmux.embed(new EmbeddingRequest("vertex_ai/text-embedding-005", EmbeddingRequest.Input.texts(List.of("hello world", "bye")),
                    null, 2, null, Map.of("task_type", "RETRIEVAL_DOCUMENT")));
        }

        wm.verify(postRequestedFor(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer direct-token")));
        assertThat(GeminiFixtures.onlyRequestBody(wm)).isEqualTo(tree("""
                {"instances":[{"content":"hello world","task_type":"RETRIEVAL_DOCUMENT"},{"content":"bye","task_type":"RETRIEVAL_DOCUMENT"}],
                 "parameters":{"outputDimensionality":2}}"""));
        JsonNode wire = Json.tree(Json.write(res));
        assertThat(wire).isEqualTo(tree("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]},{"object":"embedding","index":1,"embedding":[0.3,0.4]}],
                 "model":"text-embedding-005","usage":{"prompt_tokens":7,"total_tokens":7}}"""));
    }
}
