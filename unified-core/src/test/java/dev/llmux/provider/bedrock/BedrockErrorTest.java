package dev.llmux.provider.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmux.api.ChatRequest;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.PermissionDeniedException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.ServiceUnavailableException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BedrockErrorTest extends BedrockTestBase {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(429, "ThrottlingException", "Too many requests, please wait before trying again.", RateLimitException.class, 429, true),
                Arguments.of(429, "ThrottlingException", "Too many tokens, please wait before trying again.", RateLimitException.class, 429, true),
                Arguments.of(400, "ValidationException", "Input is too long for requested model.", ContextWindowExceededException.class, 400, false),
                Arguments.of(400, "ValidationException", "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
                        BadRequestException.class, 400, false),
                Arguments.of(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.",
                        PermissionDeniedException.class, 403, false),
                Arguments.of(404, "ResourceNotFoundException", "Could not resolve the foundation model from the provided model identifier.",
                        NotFoundException.class, 404, false),
                Arguments.of(408, "ModelTimeoutException", "Model has timed out in processing the request.", RequestTimeoutException.class, 408, true),
                Arguments.of(424, "ModelErrorException", "The model failed to process the request.", BadGatewayException.class, 502, true),
                Arguments.of(429, "ModelNotReadyException", "Model is not ready to serve inference requests.", RateLimitException.class, 429, true),
                Arguments.of(500, "InternalServerException", "An internal server error occurred.", InternalServerException.class, 500, true),
                Arguments.of(503, "ServiceUnavailableException", "Bedrock is unable to process your request.", ServiceUnavailableException.class, 503, true),
                Arguments.of(403, "UnrecognizedClientException", "The security token included in the request is invalid.",
                        AuthenticationException.class, 401, false),
                Arguments.of(403, "ExpiredTokenException", "The security token included in the request is expired",
                        AuthenticationException.class, 401, false),
                Arguments.of(403, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.",
                        AuthenticationException.class, 401, false));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("errors")
    void should_map_each_bedrock_error_type(int status, String type, String message, Class<? extends LlmuxException> expected,
            int expectedStatus, boolean retryable) {
        stub(aResponse().withStatus(status)
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .withHeader("x-amzn-RequestId", REQUEST_ID)
                .withBody("{\"message\":\"" + message + "\"}"));

        LlmuxException e = call();

        assertThat(e).isExactlyInstanceOf(expected).hasMessageContaining(message);
        assertThat(e.status()).isEqualTo(expectedStatus);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.details().errorType()).isEqualTo(type);
        assertThat(e.details().provider()).isEqualTo("bedrock");
        assertThat(e.details().model()).isEqualTo(MODEL);
        assertThat(e.details().header("x-amzn-RequestId")).isEqualTo(REQUEST_ID);
        assertThat(e.getMessage()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void should_read_a_namespaced_type_and_a_capitalised_message_from_the_body() {
        stub(aResponse().withStatus(400).withBody("{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"Message\":\"1 validation error detected\"}"));

        LlmuxException e = call();

        assertThat(e).isExactlyInstanceOf(BadRequestException.class).hasMessageContaining("1 validation error detected");
        assertThat(e.details().errorType()).isEqualTo("ValidationException");
    }

    @Test
    void should_keep_a_non_json_error_body_as_the_message() {
        stub(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"));

        LlmuxException e = call();

        assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("<html>Bad Gateway</html>");
    }

    @Test
    void should_classify_by_status_when_bedrock_names_no_type() {
        stub(aResponse().withStatus(429).withBody(""));

        assertThat(call()).isInstanceOf(RateLimitException.class).hasMessageContaining("HTTP 429");
    }

    private void stub(ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlPathEqualTo(MODEL_PATH + "/converse")).willReturn(response));
    }

    private LlmuxException call() {
        Throwable t = catchThrowable(() -> llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build()));
        assertThat(t).isInstanceOf(LlmuxException.class);
        return (LlmuxException) t;
    }
}
