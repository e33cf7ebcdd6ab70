package dev.llmux.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiErrorBodyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static LlmuxException map(int status, Map<String, List<String>> headers, String body) {
        return OpenAiErrorBody.toException("openai", "gpt-4o", status, headers, body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void should_read_message_type_code_and_param_from_an_openai_error() {
        LlmuxException e = map(404, Map.of(), """
                {"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}""");

        assertThat(e).isInstanceOf(NotFoundException.class).hasMessage("openai error for model gpt-4o: The model `gpt-9` does not exist");
        assertThat(e.details().errorType()).isEqualTo("invalid_request_error");
        assertThat(e.details().errorCode()).isEqualTo("model_not_found");
        assertThat(e.details().param()).isEqualTo("model");
    }

    @Test
    void should_take_the_wait_from_retry_after_ms_before_retry_after() {
        LlmuxException e = map(429, Map.of("retry-after-ms", List.of("1500"), "Retry-After", List.of("20")),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");

        assertThat(e).isInstanceOf(RateLimitException.class);
        assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(e.details().header("RETRY-AFTER")).isEqualTo("20");
    }

    @Test
    void should_take_the_wait_from_an_http_date() {
        LlmuxException e = map(503, Map.of("retry-after", List.of("Wed, 25 Nov 2026 12:00:30 GMT")), "{\"error\":{\"message\":\"busy\"}}");

        assertThat(e).isInstanceOf(ServiceUnavailableException.class);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void should_map_context_length_exceeded() {
        assertThat(map(400, Map.of(), """
                {"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"""))
                .isInstanceOf(ContextWindowExceededException.class);
    }

    @Test
    void should_map_azure_content_filter_with_its_inner_error() {
        LlmuxException e = map(400, Map.of(), """
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                 "type":null,"param":"prompt","code":"content_filter","status":400,
                 "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}}""");

        assertThat(e).isInstanceOf(ContentPolicyViolationException.class);
        assertThat(e.details().errorCode()).isEqualTo("content_filter/ResponsibleAIPolicyViolation");
    }

    @Test
    void should_keep_a_non_json_body_as_the_message() {
        LlmuxException e = map(502, Map.of(), "<html><body><h1>502 Bad Gateway</h1></body></html>\n");

        assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageEndingWith("<html><body><h1>502 Bad Gateway</h1></body></html>");
    }

    @Test
    void should_truncate_a_huge_non_json_body() {
        LlmuxException e = map(500, Map.of(), "x".repeat(5000));

        assertThat(e.getMessage()).hasSizeLessThan(600).endsWith("…");
    }

    @Test
    void should_say_http_status_for_an_empty_body() {
        assertThat(map(500, Map.of(), "")).isInstanceOf(InternalServerException.class).hasMessageEndingWith(": HTTP 500");
    }

    @Test
    void should_read_error_strings_detail_and_top_level_messages() {
        assertThat(map(404, Map.of(), "{\"error\":\"model 'llama9' not found\"}").getMessage()).endsWith("model 'llama9' not found");
        assertThat(map(422, Map.of(), "{\"detail\":\"field required\"}").getMessage()).endsWith("field required");
        assertThat(map(400, Map.of(), "{\"message\":\"bad input\",\"type\":\"invalid\"}").getMessage()).endsWith("bad input");
        assertThat(map(400, Map.of(), "{\"something\":1}").getMessage()).endsWith("{\"something\":1}");
    }

    @Test
    void should_unwrap_an_error_object_inside_an_array() {
        LlmuxException e = map(400, Map.of(), """
                [{"error":{"code":400,"message":"The input token count (1300000) exceeds the maximum number of tokens allowed (1048575).","status":"INVALID_ARGUMENT"}}]""");

        assertThat(e).isInstanceOf(ContextWindowExceededException.class);
    }

    @Test
    void should_derive_a_status_for_an_error_inside_a_200_stream() {
        assertThat(OpenAiErrorBody.fromErrorNode("openai", "gpt-4o", Json.tree("{\"message\":\"slow down\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}")))
                .isInstanceOf(RateLimitException.class);
        assertThat(OpenAiErrorBody.fromErrorNode("openai", "gpt-4o", Json.tree("{\"message\":\"overloaded\",\"type\":\"overloaded_error\"}")))
                .isInstanceOf(ServiceUnavailableException.class);
        assertThat(OpenAiErrorBody.fromErrorNode("openai", "gpt-4o", Json.tree("{\"message\":\"boom\",\"type\":\"server_error\"}")))
                .isInstanceOf(InternalServerException.class);
        assertThat(OpenAiErrorBody.fromErrorNode("openrouter", "x", Json.tree("{\"message\":\"Rate limited\",\"code\":429}")))
                .isInstanceOf(RateLimitException.class);
        // "max_tokens" in a code is a bad request, not a token rate limit
        assertThat(OpenAiErrorBody.fromErrorNode("openai", "gpt-4o",
                Json.tree("{\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\",\"code\":\"max_tokens_invalid\"}")))
                .isExactlyInstanceOf(BadRequestException.class);
    }
}
