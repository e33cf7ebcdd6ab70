package dev.llmux.provider.vertex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmux.provider.gemini.GeminiFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.provider.gemini.GeminiFixtures;
import dev.llmux.spi.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VertexClaudeTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String BASE = "/v1/projects/p1/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929";
    private static Llmux llmux;

    @BeforeAll
    static void setUp() {
        llmux = Llmux.builder().clock(GeminiFixtures.CLOCK).env(n -> null)
                .settings("vertex_ai", ProviderSettings.of(Map.of("vertex_access_token", "claude-token", "vertex_project", "p1",
                        "vertex_location", "us-east5", "api_base", wm.baseUrl())))
                .build();
    }

    @AfterAll
    static void tearDown() {
        llmux.close();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private static String anthropic(String name) {
        try (InputStream in = VertexClaudeTest.class.getResourceAsStream("/fixtures/anthropic/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ChatRequest request() {
        return ChatRequest.builder().model("vertex_ai/claude-sonnet-4-5@20250929").addSystem("Be brief.").addUser("Capital of France?")
                .maxTokens(100).temperature(0.5).build();
    }

    @Test
    void should_post_anthropic_body_without_model_to_raw_predict_and_map_the_message() {
        wm.stubFor(post(urlEqualTo(BASE + ":rawPredict")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(anthropic("message_text.json"))));

        ChatResponse res = llmux.chat(request());

        wm.verify(postRequestedFor(urlEqualTo(BASE + ":rawPredict")).withHeader("Authorization", equalTo("Bearer claude-token")));
        assertThat(GeminiFixtures.onlyRequestBody(wm)).isEqualTo(tree("""
                {"max_tokens":100,"system":[{"type":"text","text":"Be brief."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Capital of France?"}]}],
                 "temperature":0.5,"anthropic_version":"vertex-2023-10-16"}"""));
        assertThat(res.text()).isEqualTo("Paris is the capital of France.");
        assertThat(res.id()).isEqualTo("msg_01TextAnswer");
        assertThat(res.usage().promptTokens()).isEqualTo(4521);
    }

    @Test
    void should_stream_through_stream_raw_predict() {
        wm.stubFor(post(urlEqualTo(BASE + ":streamRawPredict")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(anthropic("stream_text.sse"))));

        List<ChatChunk> chunks = llmux.stream(request()).collectList().block(Duration.ofSeconds(30));

        assertThat(GeminiFixtures.onlyRequestBody(wm)).isEqualTo(tree("""
                {"max_tokens":100,"system":[{"type":"text","text":"Be brief."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Capital of France?"}]}],
                 "temperature":0.5,"stream":true,"anthropic_version":"vertex-2023-10-16"}"""));
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.text() == null ? "" : c.text()));
        assertThat(text).hasToString("Paris is the capital of France.");
        assertThat(chunks.get(chunks.size() - 1).usage()).isNotNull();
    }

    @Test
    void should_map_anthropic_and_google_shaped_errors() {
        wm.stubFor(post(urlEqualTo(BASE + ":rawPredict")).willReturn(aResponse().withStatus(529)
                .withHeader("Content-Type", "application/json").withBody(anthropic("error_overloaded_error.json"))));
        assertThat(catchThrowableOfType(ServiceUnavailableException.class, () -> llmux.chat(request()))).hasMessageContaining("Overloaded");

        wm.stubFor(post(urlEqualTo(BASE + ":rawPredict")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(GeminiFixtures.fixture("error-429-retry.json"))));
        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> llmux.chat(request()));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(34));
    }

    @Test
    void should_offer_anthropic_parameters_for_claude_and_gemini_parameters_otherwise() {
        VertexProvider p = new VertexProvider();
        assertThat(p.supportedParams("claude-sonnet-4-5@20250929")).contains("tool_choice").doesNotContain("seed");
        assertThat(p.supportedParams("gemini-2.5-flash")).contains("seed", "n");
    }
}
