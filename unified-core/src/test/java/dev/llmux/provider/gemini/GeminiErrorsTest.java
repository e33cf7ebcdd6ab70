package dev.llmux.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmux.provider.gemini.GeminiFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.spi.ProviderSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeminiErrorsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String URL = "/v1beta/models/gemini-2.5-flash:generateContent";

    private static LlmuxException fail(ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlEqualTo(URL)).willReturn(response));
        try (Llmux llmux = Llmux.builder().env(n -> null)
                .settings("gemini", ProviderSettings.of(Map.of("api_key", "secret-key-123", "api_base", wm.baseUrl()))).build()) {
            LlmuxException e = catchThrowableOfType(LlmuxException.class, () -> llmux.chat("gemini/gemini-2.5-flash", ChatMessage.user("hi")));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain("secret-key-123");
            assertThat(e.provider()).isEqualTo("gemini");
            return e;
        }
    }

    @Test
    void should_map_429_with_retry_info_to_retryable_rate_limit() {
        LlmuxException e = fail(json(429, "error-429-retry.json"));

        assertThat(e).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) e).isQuotaExhausted()).isFalse();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(34));
        assertThat(e.details().errorType()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void should_map_per_day_quota_to_exhausted_quota() {
        LlmuxException e = fail(json(429, "error-429-per-day.json"));

        assertThat(e).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) e).isQuotaExhausted()).isTrue();
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void should_map_token_count_overflow_to_context_window_exceeded() {
        LlmuxException e = fail(json(400, "error-400-context.json"));

        assertThat(e).isInstanceOf(ContextWindowExceededException.class).hasMessageContaining("1048575");
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void should_map_invalid_api_key_to_authentication_error() {
        LlmuxException e = fail(json(400, "error-400-api-key.json"));

        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.details().errorCode()).isEqualTo("API_KEY_INVALID");
    }

    @Test
    void should_map_server_errors() {
        assertThat(fail(json(503, "error-503.json"))).isInstanceOf(ServiceUnavailableException.class);
        assertThat(fail(json(500, "error-500.json"))).isInstanceOf(InternalServerException.class);
        assertThat(fail(json(404, "error-404.json"))).isInstanceOf(NotFoundException.class);
        assertThat(fail(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"))).isInstanceOf(BadGatewayException.class)
                .hasMessageContaining("Bad Gateway");
    }

    @Test
    void should_map_5xx_whose_body_says_429_to_rate_limit() {
        LlmuxException e = fail(aResponse().withStatus(500).withBody(
                "{\"error\":{\"code\":429,\"message\":\"Resource exhausted. Please try again later.\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));

        assertThat(e).isInstanceOf(RateLimitException.class);
    }

    @Test
    void should_map_blocked_prompt_at_http_200_to_content_policy_violation() {
        LlmuxException e = fail(json(200, "blocked-prompt-response.json"));

        assertThat(e).isInstanceOf(ContentPolicyViolationException.class).hasMessageContaining("PROHIBITED_CONTENT");
        assertThat(e.details().errorCode()).isEqualTo("PROHIBITED_CONTENT");
    }

    @Test
    void should_map_malformed_json_to_bad_gateway() {
        LlmuxException e = fail(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"candidates\":[{"));

        assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("could not parse");
    }

    @Test
    void should_reject_tool_message_whose_call_is_not_in_history() {
        try (Llmux llmux = Llmux.builder().env(n -> null)
                .settings("gemini", ProviderSettings.of(Map.of("api_key", "k", "api_base", wm.baseUrl()))).build()) {
            BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> llmux.chat(ChatRequest.builder()
                    .model("gemini/gemini-2.5-flash").addUser("hi").message(ChatMessage.tool("call_unknown", "42")).build()));

            assertThat(e).hasMessageContaining("call_unknown").hasMessageContaining("function name");
        }
    }

    @Test
    void should_take_key_from_gemini_env_then_google_env_and_fail_clearly_without_one() {
        wm.stubFor(post(urlEqualTo(URL)).willReturn(json(200, "text-response.json")));
        Map<String, String> env = new HashMap<>();
        env.put("GOOGLE_API_KEY", "google-key");
        try (Llmux llmux = Llmux.builder().env(env::get).settings("gemini", ProviderSettings.of(Map.of("api_base", wm.baseUrl()))).build()) {
            llmux.chat("gemini/gemini-2.5-flash", ChatMessage.user("hi"));
            env.put("GEMINI_API_KEY", "gemini-key");
            llmux.chat("gemini/gemini-2.5-flash", ChatMessage.user("hi"));
            env.clear();
            AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                    () -> llmux.chat("gemini/gemini-2.5-flash", ChatMessage.user("hi")));
            assertThat(e).hasMessageContaining("GEMINI_API_KEY").hasMessageContaining("GOOGLE_API_KEY");
        }
        assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(URL))))
                .extracting(r -> r.getHeader("x-goog-api-key")).containsExactly("google-key", "gemini-key");
    }
}
