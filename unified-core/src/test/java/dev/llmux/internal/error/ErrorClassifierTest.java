package dev.llmux.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.PermissionDeniedException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnprocessableEntityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorClassifierTest {

    private static LlmuxException classify(String provider, int status, String message) {
        return ErrorClassifier.classify(ErrorDetails.of(provider, "m-1", status), message, null);
    }

    private static LlmuxException classify(int status, String type, String code, String message) {
        return ErrorClassifier.classify(ErrorDetails.of("openai", "gpt-4o", status).withType(type, code, null), message, null);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "400, BadRequestException, 400, false",
        "401, AuthenticationException, 401, false",
        "402, RateLimitException, 402, false",
        "403, PermissionDeniedException, 403, false",
        "404, NotFoundException, 404, false",
        "408, RequestTimeoutException, 408, true",
        "409, InternalServerException, 409, true",
        "413, BadRequestException, 413, false",
        "422, UnprocessableEntityException, 422, false",
        "429, RateLimitException, 429, true",
        "500, InternalServerException, 500, true",
        "502, BadGatewayException, 502, true",
        "503, ServiceUnavailableException, 503, true",
        "504, RequestTimeoutException, 408, true",
        "529, ServiceUnavailableException, 503, true",
        "418, BadRequestException, 418, false",
        "507, InternalServerException, 507, true"
    })
    void should_map_every_status_to_its_exception(int status, String type, int mappedStatus, boolean retryable) {
        LlmuxException e = classify("acme", status, "something went wrong");

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.status()).isEqualTo(mappedStatus);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.provider()).isEqualTo("acme");
        assertThat(e.model()).isEqualTo("m-1");
        assertThat(e.getMessage()).isEqualTo("acme error for model m-1: something went wrong");
    }

    @Test
    void should_say_http_status_when_the_provider_gave_no_message() {
        assertThat(classify("acme", 503, "  ").getMessage()).isEqualTo("acme error for model m-1: HTTP 503");
        assertThat(ErrorClassifier.classify(ErrorDetails.of("acme", null, 500), null, null).getMessage()).isEqualTo("acme error: HTTP 500");
    }

    @Test
    void should_tell_a_rate_limit_from_an_exhausted_quota() {
        RateLimitException limit = (RateLimitException) classify(429, "tokens", "rate_limit_exceeded",
                "Rate limit reached for gpt-4o-mini in organization org-x on tokens per min (TPM): Limit 50000, Used 47949, Requested 3006. "
                        + "Please try again in 1.146s.");
        RateLimitException quota = (RateLimitException) classify(429, "insufficient_quota", "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details.");

        assertThat(limit.isQuotaExhausted()).isFalse();
        assertThat(limit.isRetryable()).isTrue();
        assertThat(limit.openAiType()).isEqualTo("rate_limit_error");
        assertThat(quota.isQuotaExhausted()).isTrue();
        assertThat(quota.isRetryable()).isFalse();
        assertThat(quota.openAiType()).isEqualTo("insufficient_quota");
    }

    @Test
    void should_keep_request_too_large_for_tpm_a_rate_limit_not_a_context_overflow() {
        LlmuxException e = classify(429, "tokens", "rate_limit_exceeded",
                "Request too large for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Requested 34307. "
                        + "The input or output tokens must be reduced in order to run successfully.");

        assertThat(e).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) e).isQuotaExhausted()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "openai|400|This model's maximum context length is 128000 tokens. However, you requested 130000 tokens (129000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.",
        "openai|400|Your input exceeds the context window of this model. Please adjust your input and try again.",
        "anthropic|400|prompt is too long: 205000 tokens > 200000 maximum",
        "anthropic|400|input length and `max_tokens` exceed context limit: 199000 + 8000 > 200000, decrease input length or `max_tokens` and try again",
        "gemini|400|The input token count (1300000) exceeds the maximum number of tokens allowed (1048575).",
        "vertex_ai|400|400 Request payload size exceeds the limit: 10485760 bytes.",
        "bedrock|400|Input is too long for requested model.",
        "xai|400|This model's maximum prompt length is 131072 but the request contains 537812 tokens.",
        "groq|400|Please reduce the length of the messages or completion.",
        "ollama|500|n_keep (5000) >= n_ctx (4096)",
        "cerebras|400|Current length is 9000 while limit is 8192",
        "together_ai|422|Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4097. Given: 4000 `inputs` tokens and 500 `max_new_tokens`. is longer than the model's context length",
        "llamacpp|400|the request exceeds the available context size, try increasing it",
        "mistral|400|Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length"
    })
    void should_recognise_context_window_overflows_of_every_provider(String provider, int status, String message) {
        LlmuxException e = classify(provider, status, message);

        assertThat(e).isInstanceOf(ContextWindowExceededException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void should_recognise_context_window_by_error_code_alone() {
        assertThat(classify(400, "invalid_request_error", "context_length_exceeded", "too long"))
                .isInstanceOf(ContextWindowExceededException.class);
    }

    @Test
    void should_not_take_the_user_field_length_error_for_a_context_overflow() {
        LlmuxException e = classify(400, "invalid_request_error", "string_above_max_length",
                "Invalid 'user': string too long. Expected a string with maximum length 256, but got a string with length 300 instead.");

        assertThat(e).isExactlyInstanceOf(BadRequestException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "azure|400|content_filter|The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        "azure|400|ResponsibleAIPolicyViolation|Your request was rejected as a result of our safety system.",
        "openai|400|content_policy_violation|Your request was rejected as a result of our safety system.",
        "openai|400||Your task failed as a result of our safety system.",
        "vertex_ai|400||The response was blocked.",
        "vertex_ai|400||Output blocked by content filtering policy",
        "anthropic|400||Output blocked by content filtering policy"
    })
    void should_recognise_content_policy_violations(String provider, int status, String code, String message) {
        LlmuxException e = ErrorClassifier.classify(ErrorDetails.of(provider, "m", status).withType(null, code, null), message, null);

        assertThat(e).isInstanceOf(ContentPolicyViolationException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
        "billing_hard_limit_reached"
    })
    void should_treat_an_empty_account_as_an_exhausted_quota_whatever_the_status(String message) {
        LlmuxException e = classify("anthropic", 400, message);

        assertThat(e).isInstanceOfSatisfying(RateLimitException.class, r -> assertThat(r.isQuotaExhausted()).isTrue());
        assertThat(e.isRetryable()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vertex_ai|500|429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute",
        "vertex_ai|503|Resource exhausted. Please try again later.",
        "mistral|503|Service tier capacity exceeded for this model.",
        "bedrock|500|Too many requests, please wait before trying again.",
        "acme|500|upstream rate limit hit"
    })
    void should_take_server_errors_that_say_rate_limit_for_rate_limits(String provider, int status, String message) {
        LlmuxException e = classify(provider, status, message);

        assertThat(e).isInstanceOf(RateLimitException.class);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void should_not_see_a_rate_limit_in_a_number_that_merely_contains_429() {
        assertThat(classify("acme", 500, "failed at payload4290snippet")).isExactlyInstanceOf(InternalServerException.class);
    }

    @Test
    void should_keep_the_cause_and_the_details() {
        RuntimeException cause = new RuntimeException("io");
        ErrorDetails d = ErrorDetails.of("openai", "gpt-4o", 400).withType("invalid_request_error", "bad_param", "temperature");

        LlmuxException e = ErrorClassifier.classify(d, "bad temperature", cause);

        assertThat(e).hasCause(cause);
        assertThat(e.details().param()).isEqualTo("temperature");
        assertThat(e.details().errorType()).isEqualTo("invalid_request_error");
    }

    @Test
    void should_map_a_status_below_400_to_a_connection_error() {
        assertThat(classify("acme", 302, "moved")).isInstanceOf(ApiConnectionException.class);
    }

    @Test
    void should_name_classes_exactly_for_the_status_table() {
        // guards the simple names used by the table above against renames
        assertThat(new Class<?>[] {AuthenticationException.class, PermissionDeniedException.class, NotFoundException.class,
                RequestTimeoutException.class, UnprocessableEntityException.class, BadGatewayException.class,
                ServiceUnavailableException.class}).hasSize(7);
    }
}
