package dev.llmux.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.llmux.provider.openai.WireMockLlmux.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.PermissionDeniedException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnprocessableEntityException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiErrorTest {

    private final WireMockLlmux wm = new WireMockLlmux();
    private final Llmux llmux = wm.client("openai", Map.of("api_base", wm.baseUrl() + "/v1", "api_key", "sk-secret-key"), Map.of());

    @AfterEach
    void stop() {
        llmux.close();
        wm.close();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, "{\"error\":{\"message\":\"Invalid value for 'temperature'\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}",
                        BadRequestException.class, 400, false),
                Arguments.of(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However, you requested 130000 tokens (129000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}",
                        ContextWindowExceededException.class, 400, false),
                Arguments.of(400, "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}",
                        ContentPolicyViolationException.class, 400, false),
                Arguments.of(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-secr**-key.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
                        AuthenticationException.class, 401, false),
                Arguments.of(403, "{\"error\":{\"message\":\"Country, region, or territory not supported\",\"type\":\"request_forbidden\",\"param\":null,\"code\":\"unsupported_country_region_territory\"}}",
                        PermissionDeniedException.class, 403, false),
                Arguments.of(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}",
                        NotFoundException.class, 404, false),
                Arguments.of(409, "{\"error\":{\"message\":\"Conflict\",\"type\":\"conflict\",\"param\":null,\"code\":null}}",
                        InternalServerException.class, 409, true),
                Arguments.of(422, "{\"error\":{\"message\":\"Unprocessable\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
                        UnprocessableEntityException.class, 422, false),
                Arguments.of(429, "{\"error\":{\"message\":\"Request too large for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Requested 34307.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                        RateLimitException.class, 429, true),
                Arguments.of(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                        InternalServerException.class, 500, true),
                Arguments.of(502, "<html><body>Bad gateway</body></html>", BadGatewayException.class, 502, true),
                Arguments.of(503, "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                        ServiceUnavailableException.class, 503, true));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void should_map_each_status_and_body_to_its_exception(int status, String body, Class<? extends LlmuxException> type, int mapped,
            boolean retryable) {
        wm.stub("/v1/chat/completions", aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body));
        LlmuxException e = catchThrowableOfType(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")), type);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.status()).isEqualTo(mapped);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.model()).isEqualTo("gpt-4o");
        assertThat(e.getMessage()).doesNotContain("sk-secret-key");
    }

    @Test
    void should_keep_retry_after_ms_and_rate_limit_headers_in_the_details() {
        wm.stub("/v1/chat/completions", json(429, """
                {"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""")
                .withHeader("retry-after-ms", "1500").withHeader("retry-after", "2")
                .withHeader("x-ratelimit-limit-requests", "3").withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "20s").withHeader("x-request-id", "req_123"));
        RateLimitException e = catchThrowableOfType(() -> llmux.chat("openai/gpt-4o-mini", ChatMessage.user("hi")), RateLimitException.class);
        assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(e.isQuotaExhausted()).isFalse();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.details().errorType()).isEqualTo("requests");
        assertThat(e.details().errorCode()).isEqualTo("rate_limit_exceeded");
        assertThat(e.details().header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(e.details().header("x-ratelimit-reset-requests")).isEqualTo("20s");
        assertThat(e.details().header("x-request-id")).isEqualTo("req_123");
    }

    @Test
    void should_read_retry_after_seconds_when_there_is_no_ms_header() {
        wm.stub("/v1/chat/completions", json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
                .withHeader("Retry-After", "7"));
        RateLimitException e = catchThrowableOfType(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")), RateLimitException.class);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void should_not_retry_insufficient_quota() {
        wm.stub("/v1/chat/completions", json(429, """
                {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""));
        RateLimitException e = catchThrowableOfType(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")), RateLimitException.class);
        assertThat(e.isQuotaExhausted()).isTrue();
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void should_turn_a_malformed_200_body_into_a_bad_gateway() {
        wm.stub("/v1/chat/completions", json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,"));
        BadGatewayException e = catchThrowableOfType(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")), BadGatewayException.class);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("openai");
    }

    @Test
    void should_turn_a_200_body_of_the_wrong_shape_into_a_bad_gateway() {
        wm.stub("/v1/chat/completions", json(200, "[1,2,3]"));
        assertThat(catchThrowableOfType(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")), BadGatewayException.class)).isNotNull();
        wm.stub("/v1/chat/completions", json(200, "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":\"not a message\"}]}"));
        assertThat(catchThrowableOfType(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")), BadGatewayException.class)).isNotNull();
    }

    @Test
    void should_raise_an_error_object_inside_a_200_body() {
        wm.stub("/v1/chat/completions", json(200, "{\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        assertThat(catchThrowableOfType(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")), InternalServerException.class))
                .hasMessageContaining("upstream failed");
    }

    @Test
    void should_map_connection_refused_to_a_connection_error() {
        int port = wm.server.port();
        wm.server.stop();
        try (Llmux down = wm.client("openai", Map.of("api_base", "http://localhost:" + port + "/v1", "api_key", "k"), Map.of())) {
            assertThat(catchThrowableOfType(() -> down.chat("openai/gpt-4o", ChatMessage.user("hi")), ApiConnectionException.class))
                    .isNotNull();
        }
    }
}
