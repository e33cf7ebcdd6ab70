package dev.llmux.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Anthropic error status and body as the llmux error a router can act on. */
class AnthropicErrorTest {

    private static AnthropicStub stub;

    @BeforeAll
    static void start() {
        stub = new AnthropicStub();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.server.resetAll();
    }

    private static LlmuxException fail(ResponseDefinitionBuilder response) {
        stub.stub(response);
        try (Llmux llmux = stub.client()) {
            LlmuxException e = catchThrowableOfType(LlmuxException.class, () -> llmux.chat("anthropic/claude-sonnet-4-5", ChatMessage.user("x")));
            assertThat(e).as("the call must fail").isNotNull();
            assertThat(e.getMessage()).doesNotContain(AnthropicStub.KEY);
            assertThat(e.provider()).isEqualTo("anthropic");
            assertThat(e.model()).isEqualTo("claude-sonnet-4-5");
            return e;
        }
    }

    private static ResponseDefinitionBuilder error(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy").withBody(AnthropicStub.fixture(fixture));
    }

    @ParameterizedTest
    @CsvSource({
        "400, error_invalid_request_error.json, dev.llmux.error.BadRequestException, 400, false, invalid_request_error",
        "400, error_context_window.json, dev.llmux.error.ContextWindowExceededException, 400, false, invalid_request_error",
        "401, error_authentication_error.json, dev.llmux.error.AuthenticationException, 401, false, authentication_error",
        "402, error_billing_error.json, dev.llmux.error.RateLimitException, 402, false, billing_error",
        "403, error_permission_error.json, dev.llmux.error.PermissionDeniedException, 403, false, permission_error",
        "404, error_not_found_error.json, dev.llmux.error.NotFoundException, 404, false, not_found_error",
        "413, error_request_too_large.json, dev.llmux.error.BadRequestException, 413, false, request_too_large",
        "429, error_rate_limit_error.json, dev.llmux.error.RateLimitException, 429, true, rate_limit_error",
        "500, error_api_error.json, dev.llmux.error.InternalServerException, 500, true, api_error",
        "504, error_timeout_error.json, dev.llmux.error.RequestTimeoutException, 408, true, timeout_error",
        "529, error_overloaded_error.json, dev.llmux.error.ServiceUnavailableException, 503, true, overloaded_error"
    })
    void should_map_every_error_status_and_type(int httpStatus, String fixture, Class<?> type, int status, boolean retryable, String errorType) {
        LlmuxException e = fail(error(httpStatus, fixture));

        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.details().errorType()).isEqualTo(errorType);
        assertThat(e.getMessage()).contains("(request_id req_0");
        assertThat(e.details().header("request-id")).isEqualTo("req_011CSHoEeqs5C35K2UUqR7Fy");
    }

    @Test
    void should_name_the_provider_message_and_classes_a_router_needs() {
        assertThat(fail(error(400, "error_context_window.json")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("anthropic error for model claude-sonnet-4-5: prompt is too long: 205000 tokens > 200000 maximum (request_id req_011CSContext)");
        stub.server.resetAll();
        assertThat(fail(error(529, "error_overloaded_error.json"))).isInstanceOf(ServiceUnavailableException.class);
        stub.server.resetAll();
        assertThat(((RateLimitException) fail(error(402, "error_billing_error.json"))).isQuotaExhausted()).isTrue();
    }

    @Test
    void should_keep_rate_limit_headers_and_the_retry_after_wait() {
        LlmuxException e = fail(error(429, "error_rate_limit_error.json")
                .withHeader("retry-after", "30")
                .withHeader("anthropic-ratelimit-requests-limit", "50")
                .withHeader("anthropic-ratelimit-requests-remaining", "0")
                .withHeader("anthropic-ratelimit-requests-reset", "2026-11-25T12:00:45Z")
                .withHeader("anthropic-ratelimit-tokens-remaining", "12000"));

        assertThat(e).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) e).isQuotaExhausted()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.details().header("anthropic-ratelimit-requests-limit")).isEqualTo("50");
        assertThat(e.details().header("anthropic-ratelimit-tokens-remaining")).isEqualTo("12000");
    }

    @Test
    void should_wait_until_the_exhausted_limit_resets_when_no_retry_after_is_sent() {
        LlmuxException e = fail(error(429, "error_rate_limit_error.json")
                .withHeader("anthropic-ratelimit-requests-remaining", "3")
                .withHeader("anthropic-ratelimit-requests-reset", "2026-11-25T12:00:05Z")
                .withHeader("anthropic-ratelimit-output-tokens-remaining", "0")
                .withHeader("anthropic-ratelimit-output-tokens-reset", "2026-11-25T12:00:12Z"));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void should_keep_a_body_that_is_not_json_as_the_message() {
        LlmuxException e = fail(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body>502 Bad Gateway</body></html>"));
        assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("502 Bad Gateway");
    }

    @Test
    void should_fail_with_a_502_on_a_success_body_that_is_not_a_message() {
        LlmuxException e = fail(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\": \"msg_1\", \"content\": [trunc"));
        assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("could not parse");
        stub.server.resetAll();
        e = fail(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"msg_1\",\"type\":\"message\"}"));
        assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("no content");
    }

    @Test
    void should_fail_on_an_error_object_inside_a_success_status() {
        LlmuxException e = fail(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(AnthropicStub.fixture("error_overloaded_error.json")));
        assertThat(e).isInstanceOf(ServiceUnavailableException.class);
        assertThat(e.isRetryable()).isTrue();
    }
}
