package dev.llmux.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RateLimitException;
import dev.llmux.spi.ProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

class MockProviderTest {

    /** No keys, no network: an empty environment. */
    private final Llmux llmux = Llmux.builder().env(name -> null).build();

    @AfterEach
    void close() {
        llmux.close();
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder().model("mock/demo").addUser("Say something nice about Java.");
    }

    @Test
    void should_answer_the_default_text_with_no_keys_set() {
        ChatResponse res = llmux.chat("mock/demo", ChatMessage.user("hello"));
        assertThat(res.text()).isEqualTo("This is a mock response from llmux.");
        assertThat(res.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(res.model()).isEqualTo("demo");
        assertThat(res.id()).startsWith("chatcmpl-mock-");
        assertThat(res.usage().completionTokens()).isEqualTo(9);
        assertThat(res.usage().promptTokens()).isGreaterThan(3);
        assertThat(res.usage().totalTokens()).isEqualTo(res.usage().promptTokens() + 9);
        assertThat(res.callInfo().provider()).isEqualTo("mock");
    }

    @Test
    void should_answer_the_text_from_the_request_or_the_settings() {
        assertThat(llmux.chat(request().extra("mock_response", "Java is sturdy.").build()).text()).isEqualTo("Java is sturdy.");
        try (Llmux configured = Llmux.builder().env(n -> null)
                .settings("mock", ProviderSettings.builder().set("mock_response", "from settings").build()).build()) {
            assertThat(configured.chat(request().build()).text()).isEqualTo("from settings");
            assertThat(configured.chat(request().extra("mock_response", "request wins").build()).text()).isEqualTo("request wins");
        }
    }

    @Test
    void should_answer_tool_calls_from_a_json_object_or_list() {
        ChatResponse one = llmux.chat(request().extra("mock_response", "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}").build());
        assertThat(one.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(one.text()).isNull();
        assertThat(one.message().toolCalls()).containsExactly(ToolCall.function("call_mock_0", "get_weather", "{\"city\":\"Paris\"}"));

        ChatResponse two = llmux.chat(request().extra("mock_response", List.of(
                Map.of("id", "call_a", "type", "function", "function", Map.of("name", "a", "arguments", "{}")),
                Map.of("name", "b"))).build());
        assertThat(two.message().toolCalls()).containsExactly(ToolCall.function("call_a", "a", "{}"), ToolCall.function("call_mock_1", "b", "{}"));
    }

    @Test
    void should_reject_json_that_is_not_a_tool_call() {
        assertThatThrownBy(() -> llmux.chat(request().extra("mock_response", "{\"foo\":1}").build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("mock_response").hasMessageContaining("foo");
    }

    @ParameterizedTest
    @CsvSource({
            "litellm.RateLimitError, dev.llmux.error.RateLimitException",
            "rate_limit, dev.llmux.error.RateLimitException",
            "timeout, dev.llmux.error.RequestTimeoutException",
            "litellm.Timeout, dev.llmux.error.RequestTimeoutException",
            "context_window_exceeded, dev.llmux.error.ContextWindowExceededException",
            "litellm.ContextWindowExceededError, dev.llmux.error.ContextWindowExceededException",
            "litellm.ContentPolicyViolationError, dev.llmux.error.ContentPolicyViolationException",
            "service_unavailable, dev.llmux.error.ServiceUnavailableException",
            "litellm.InternalServerError, dev.llmux.error.InternalServerException",
            "litellm.AuthenticationError, dev.llmux.error.AuthenticationException",
            "litellm.APIConnectionError, dev.llmux.error.ApiConnectionException",
            "litellm.UnsupportedParamsError, dev.llmux.error.UnsupportedParamsException",
            "insufficient_quota, dev.llmux.error.RateLimitException"})
    void should_raise_the_named_error(String name, Class<? extends LlmuxException> type) {
        assertThatThrownBy(() -> llmux.chat(request().extra("mock_response", name).build()))
                .isExactlyInstanceOf(type)
                .satisfies(e -> assertThat(((LlmuxException) e).provider()).isEqualTo("mock"));
        StepVerifier.create(llmux.stream(request().extra("mock_response", name).build()))
                .expectError(type)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_tell_rate_limits_from_exhausted_quota() {
        assertThatThrownBy(() -> llmux.chat(request().extra("mock_response", "rate_limit").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> llmux.chat(request().extra("mock_response", "insufficient_quota").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.isQuotaExhausted()).isTrue());
    }

    @Test
    void should_stream_text_in_several_chunks_then_finish_then_usage() {
        List<ChatChunk> chunks = llmux.stream(request().extra("mock_response", "Java is a sturdy and fast language.").build())
                .collectList().block(Duration.ofSeconds(5));
        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        String text = chunks.stream().map(ChatChunk::text).filter(t -> t != null).collect(Collectors.joining());
        assertThat(text).isEqualTo("Java is a sturdy and fast language.");
        assertThat(chunks.stream().filter(c -> c.text() != null && !c.text().isEmpty()).count()).isGreaterThanOrEqualTo(3);
        ChatChunk finish = chunks.get(chunks.size() - 2);
        assertThat(finish.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        ChatChunk usage = chunks.get(chunks.size() - 1);
        assertThat(usage.choices()).isEmpty();
        assertThat(usage.usage().completionTokens()).isEqualTo(9);
        assertThat(chunks).extracting(ChatChunk::id).containsOnly(chunks.get(0).id());
    }

    @Test
    void should_stream_tool_call_arguments_over_two_deltas() {
        List<ChatChunk> chunks = llmux.stream(request().extra("mock_response", "{\"name\":\"f\",\"arguments\":{\"x\":1}}").build())
                .collectList().block(Duration.ofSeconds(5));
        ToolCall first = chunks.get(1).choices().get(0).delta().toolCalls().get(0);
        ToolCall second = chunks.get(2).choices().get(0).delta().toolCalls().get(0);
        assertThat(first.index()).isZero();
        assertThat(first.id()).isEqualTo("call_mock_0");
        assertThat(first.name()).isEqualTo("f");
        assertThat(second.id()).isNull();
        assertThat(first.arguments() + second.arguments()).isEqualTo("{\"x\":1}");
        assertThat(chunks.get(3).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void should_stop_at_max_tokens_with_finish_length() {
        ChatResponse res = llmux.chat(request().maxTokens(2).extra("mock_response", "one two three four five six seven").build());
        assertThat(res.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(res.text()).isEqualTo("one two ");
        assertThat(res.usage().completionTokens()).isEqualTo(2);
    }

    @Test
    void should_answer_n_choices() {
        ChatResponse res = llmux.chat(request().n(3).build());
        assertThat(res.choices()).extracting(c -> c.index()).containsExactly(0, 1, 2);
        assertThat(res.usage().completionTokens()).isEqualTo(27);
    }

    @Test
    void should_wait_the_configured_latency() {
        long start = System.nanoTime();
        llmux.chat(request().extra("mock_latency_ms", 150).build());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThatThrownBy(() -> llmux.chat(request().extra("mock_latency_ms", "soon").build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("soon");
    }

    @Test
    void should_embed_deterministically() {
        var a = llmux.embed(EmbeddingRequest.of("mock/emb", "hello", "world"));
        var b = llmux.embed(EmbeddingRequest.of("mock/emb", "hello"));
        assertThat(a.data()).hasSize(2);
        assertThat(a.data().get(0).embedding()).hasSize(8).isEqualTo(b.data().get(0).embedding());
        assertThat(a.data().get(1).embedding()).isNotEqualTo(a.data().get(0).embedding());
    }

    @Test
    void should_never_forward_mock_fields_to_a_real_provider() {
        assertThat(dev.llmux.provider.openai.internal.OpenAiParams.LLMUX_ONLY).contains("mock_response", "mock_latency_ms");
    }

}
