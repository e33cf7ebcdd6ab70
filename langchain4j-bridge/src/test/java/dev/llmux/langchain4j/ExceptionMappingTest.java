package dev.llmux.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.PermissionDeniedException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.langchain4j.internal.ExceptionMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExceptionMappingTest {

    private static ErrorDetails d(int status) {
        return ErrorDetails.of("openai", "gpt-4o", status);
    }

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of(new dev.llmux.error.RateLimitException("slow", d(429), false), RateLimitException.class),
                Arguments.of(new dev.llmux.error.AuthenticationException("bad key", d(401)), AuthenticationException.class),
                Arguments.of(new PermissionDeniedException("no", d(403)), AuthenticationException.class),
                Arguments.of(new RequestTimeoutException("slow", d(408)), TimeoutException.class),
                Arguments.of(new NotFoundException("no model", d(404)), ModelNotFoundException.class),
                Arguments.of(new ContentPolicyViolationException("blocked", d(400)), ContentFilteredException.class),
                Arguments.of(new UnsupportedParamsException("no logprobs", d(400)), UnsupportedFeatureException.class),
                Arguments.of(new ContextWindowExceededException("too long", d(400)), InvalidRequestException.class),
                Arguments.of(new BadRequestException("bad", d(400)), InvalidRequestException.class),
                Arguments.of(new dev.llmux.error.InternalServerException("boom", d(500)), InternalServerException.class),
                Arguments.of(new BadGatewayException("garbage", d(502)), InternalServerException.class),
                Arguments.of(new ServiceUnavailableException("overloaded", d(503)), InternalServerException.class),
                Arguments.of(new ApiConnectionException("refused", d(500)), InternalServerException.class));
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void should_map_each_llmux_error_with_the_llmux_error_as_cause(LlmuxException error, Class<? extends RuntimeException> expected) {
        RuntimeException mapped = ExceptionMapper.map(error);
        assertThat(mapped).isExactlyInstanceOf(expected).hasMessage(error.getMessage());
        assertThat(mapped.getCause()).isSameAs(error);
        if (error.isRetryable()) {
            assertThat(mapped).isInstanceOf(RetriableException.class);
        }
    }
}
