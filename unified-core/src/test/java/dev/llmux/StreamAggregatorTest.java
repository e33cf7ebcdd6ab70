package dev.llmux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatChunk.ChunkChoice;
import dev.llmux.api.ChatChunk.Delta;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class StreamAggregatorTest {

    private static ChatChunk chunk(Delta delta) {
        return ChatChunk.of("chatcmpl-1", 1694268190L, "gpt-4o-mini", delta, null);
    }

    private static ChatChunk chunk(int index, Delta delta, FinishReason finish) {
        return ChatChunk.of("chatcmpl-1", 1694268190L, "gpt-4o-mini", List.of(new ChunkChoice(index, delta, null, finish)), null);
    }

    private static ToolCall fragment(int index, String id, String name, String args) {
        return new ToolCall(index, id, id == null ? null : "function", new ToolCall.FunctionCall(name, args));
    }

    @Test
    void should_concatenate_content_and_keep_metadata_when_text_streams() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(new ChatChunk("chatcmpl-1", null, 1694268190L, "gpt-4o-mini", "fp_44709d6fcb",
                List.of(new ChunkChoice(0, Delta.role("assistant"), null, null)), null, Map.of(), null));
        agg.accept(chunk(Delta.content("Hel")));
        agg.accept(chunk(Delta.content("lo, ")));
        agg.accept(chunk(Delta.content("wörld")));
        agg.accept(chunk(0, Delta.EMPTY, FinishReason.STOP));

        ChatResponse r = agg.result();

        assertThat(r.id()).isEqualTo("chatcmpl-1");
        assertThat(r.object()).isEqualTo("chat.completion");
        assertThat(r.created()).isEqualTo(1694268190L);
        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.systemFingerprint()).isEqualTo("fp_44709d6fcb");
        assertThat(r.text()).isEqualTo("Hello, wörld");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.message().toolCalls()).isNull();
        assertThat(r.message().refusal()).isNull();
        assertThat(r.usage()).isNull();
        assertThat(agg.chunkCount()).isEqualTo(5);
    }

    @Test
    void should_serialize_like_a_non_streamed_response_when_aggregated() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(Delta.role("assistant")));
        agg.accept(chunk(Delta.content("Hi")));
        agg.accept(chunk(0, Delta.EMPTY, FinishReason.STOP));
        agg.accept(ChatChunk.of("chatcmpl-1", 1694268190L, "gpt-4o-mini", List.of(), Usage.of(9, 1)));

        assertThat(Json.tree(Json.write(agg.result()))).isEqualTo(Json.tree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1694268190,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"content":"Hi","role":"assistant"},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10}}
                """));
    }

    @Test
    void should_assemble_tool_calls_by_index_when_arguments_arrive_in_pieces() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(Delta.toolCalls(List.of(fragment(0, "call_a", "get_weather", "")))));
        agg.accept(chunk(Delta.toolCalls(List.of(fragment(1, "call_b", "get_time", "")))));
        agg.accept(chunk(Delta.toolCalls(List.of(fragment(0, null, null, "{\"loc")))));
        agg.accept(chunk(Delta.toolCalls(List.of(fragment(1, null, null, "{\"tz\":\"CET\"}"), fragment(0, null, null, "ation\":\"Paris\"}")))));
        agg.accept(chunk(0, Delta.EMPTY, FinishReason.TOOL_CALLS));

        ChatResponse r = agg.result();

        assertThat(r.message().content()).isNull();
        assertThat(r.message().toolCalls()).containsExactly(
                ToolCall.function("call_a", "get_weather", "{\"location\":\"Paris\"}"),
                ToolCall.function("call_b", "get_time", "{\"tz\":\"CET\"}"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void should_keep_first_id_and_name_when_later_fragments_repeat_them_empty() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(Delta.toolCalls(List.of(fragment(0, "call_a", "f", "{")))));
        agg.accept(chunk(Delta.toolCalls(List.of(new ToolCall(0, "", null, new ToolCall.FunctionCall("", "}"))))));

        assertThat(agg.result().message().toolCalls()).containsExactly(ToolCall.function("call_a", "f", "{}"));
    }

    @Test
    void should_give_tool_calls_without_index_their_own_slots_when_ids_differ() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(Delta.toolCalls(List.of(
                new ToolCall(null, "call_1", "function", new ToolCall.FunctionCall("a", "{}")),
                new ToolCall(null, "call_2", "function", new ToolCall.FunctionCall("b", "{\"x\":"))))));
        agg.accept(chunk(Delta.toolCalls(List.of(new ToolCall(null, null, null, new ToolCall.FunctionCall(null, "1}"))))));

        assertThat(agg.result().message().toolCalls()).containsExactly(
                ToolCall.function("call_1", "a", "{}"), ToolCall.function("call_2", "b", "{\"x\":1}"));
    }

    @Test
    void should_concatenate_reasoning_and_merge_a_late_signature_into_its_thinking_block() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(new Delta(null, null, null, null, "Let me ", List.of(ThinkingBlock.thinking("Let me ", null)))));
        agg.accept(chunk(new Delta(null, null, null, null, "think.", List.of(ThinkingBlock.thinking("think.", null)))));
        agg.accept(chunk(Delta.thinkingBlock(new ThinkingBlock("thinking", null, "sig-1", null))));
        agg.accept(chunk(Delta.thinkingBlock(ThinkingBlock.redacted("opaque=="))));
        agg.accept(chunk(new Delta(null, null, null, null, "Again.", List.of(ThinkingBlock.thinking("Again.", null)))));
        agg.accept(chunk(Delta.thinkingBlock(ThinkingBlock.thinking("", "sig-2"))));
        agg.accept(chunk(Delta.content("42")));
        agg.accept(chunk(0, Delta.EMPTY, FinishReason.STOP));

        ChatResponse r = agg.result();

        assertThat(r.message().reasoningContent()).isEqualTo("Let me think.Again.");
        assertThat(r.message().thinkingBlocks()).containsExactly(
                ThinkingBlock.thinking("Let me think.", "sig-1"),
                ThinkingBlock.redacted("opaque=="),
                ThinkingBlock.thinking("Again.", "sig-2"));
        assertThat(r.text()).isEqualTo("42");
    }

    @Test
    void should_start_a_new_block_when_a_signed_block_is_followed_by_more_thinking() {
        StreamAggregator agg = new StreamAggregator();
        // Gemini sends the thought text and its signature in the same part
        agg.accept(chunk(Delta.thinkingBlock(ThinkingBlock.thinking("first", "s1"))));
        agg.accept(chunk(Delta.thinkingBlock(ThinkingBlock.thinking("second", null))));

        assertThat(agg.result().message().thinkingBlocks()).containsExactly(
                ThinkingBlock.thinking("first", "s1"), new ThinkingBlock("thinking", "second", null, null));
    }

    @Test
    void should_concatenate_refusal_when_the_model_refuses() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(new Delta("assistant", null, "I can't ", null, null, null)));
        agg.accept(chunk(new Delta(null, null, "help with that.", null, null, null)));
        agg.accept(chunk(0, Delta.EMPTY, FinishReason.STOP));

        ChatResponse r = agg.result();

        assertThat(r.message().refusal()).isEqualTo("I can't help with that.");
        assertThat(r.message().content()).isNull();
    }

    @Test
    void should_build_every_choice_sorted_by_index_when_n_is_above_one() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(1, Delta.content("B"), null));
        agg.accept(chunk(0, Delta.content("A"), null));
        agg.accept(chunk(1, Delta.content("b"), FinishReason.LENGTH));
        agg.accept(chunk(0, Delta.content("a"), FinishReason.STOP));

        ChatResponse r = agg.result();

        assertThat(r.choices()).hasSize(2);
        assertThat(r.choices().get(0).index()).isZero();
        assertThat(r.choices().get(0).message().text()).isEqualTo("Aa");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.choices().get(1).index()).isEqualTo(1);
        assertThat(r.choices().get(1).message().text()).isEqualTo("Bb");
        assertThat(r.choices().get(1).finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void should_take_usage_and_call_info_from_the_last_chunk_when_it_is_usage_only() {
        CallInfo early = CallInfo.of("openai", "gpt-4o-mini", Duration.ofMillis(5));
        CallInfo last = CallInfo.of("openai", "gpt-4o-mini", Duration.ofMillis(80)).withCost(new BigDecimal("0.0000123"));
        Usage usage = Usage.of(82, 17, 64, 0, 5);
        StreamAggregator agg = new StreamAggregator();
        agg.accept(chunk(Delta.content("x")).withCallInfo(early));
        agg.accept(chunk(0, Delta.EMPTY, FinishReason.STOP).withCallInfo(early));
        agg.accept(ChatChunk.of("chatcmpl-1", 1694268190L, "gpt-4o-mini", List.of(), usage).withCallInfo(last));

        ChatResponse r = agg.result();

        assertThat(r.usage()).isEqualTo(usage);
        assertThat(r.usage().cachedTokens()).isEqualTo(64);
        assertThat(r.usage().reasoningTokens()).isEqualTo(5);
        assertThat(r.callInfo()).isEqualTo(last);
        assertThat(r.callInfo().cost()).isEqualByComparingTo("0.0000123");
    }

    @Test
    void should_take_model_and_fingerprint_from_the_first_chunk_that_has_them() {
        StreamAggregator agg = new StreamAggregator();
        agg.accept(new ChatChunk("msg_1", null, 0, "", null, List.of(new ChunkChoice(0, Delta.role("assistant"), null, null)), null,
                Map.of(), null));
        agg.accept(new ChatChunk("msg_2", null, 1700000000L, "claude-sonnet-4-5", "fp_x", List.of(), null,
                Map.of("service_tier", "standard", "obfuscation", "pad", "citations", List.of("https://a")), null));

        ChatResponse r = agg.result();

        assertThat(r.id()).isEqualTo("msg_1");
        assertThat(r.created()).isEqualTo(1700000000L);
        assertThat(r.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(r.systemFingerprint()).isEqualTo("fp_x");
        assertThat(r.serviceTier()).isEqualTo("standard");
        assertThat(r.extra()).containsExactly(Map.entry("citations", List.of("https://a")));
    }

    @Test
    void should_join_logprob_token_lists_when_logprobs_stream() {
        StreamAggregator agg = new StreamAggregator();
        Map<String, Object> first = Map.of("content", List.of(Map.of("token", "Hi", "logprob", -0.1)));
        Map<String, Object> second = Map.of("content", List.of(Map.of("token", "!", "logprob", -0.2)));
        agg.accept(ChatChunk.of("c", 1, "m", List.of(new ChunkChoice(0, Delta.content("Hi"), first, null)), null));
        agg.accept(ChatChunk.of("c", 1, "m", List.of(new ChunkChoice(0, Delta.content("!"), second, FinishReason.STOP)), null));

        assertThat(agg.result().choices().get(0).logprobs()).isEqualTo(Map.of("content", List.of(
                Map.of("token", "Hi", "logprob", -0.1), Map.of("token", "!", "logprob", -0.2))));
    }

    @Test
    void should_fail_clearly_when_no_chunk_was_accepted() {
        assertThatThrownBy(() -> new StreamAggregator().result())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no chunks");
    }

    @Test
    void should_reduce_a_flux_to_one_response_when_used_as_a_reactor_helper() {
        Flux<ChatChunk> flux = Flux.just(
                chunk(Delta.role("assistant")), chunk(Delta.content("A")), chunk(Delta.content("B")),
                chunk(0, Delta.EMPTY, FinishReason.STOP),
                ChatChunk.of("chatcmpl-1", 1694268190L, "gpt-4o-mini", List.of(), Usage.of(3, 2)));

        StepVerifier.create(StreamAggregator.aggregate(flux))
                .assertNext(r -> {
                    assertThat(r.text()).isEqualTo("AB");
                    assertThat(r.usage()).isEqualTo(Usage.of(3, 2));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_propagate_the_stream_error_when_the_stream_fails() {
        ApiConnectionException cut = new ApiConnectionException("cut", ErrorDetails.of("openai", "gpt-4o", 500));
        Flux<ChatChunk> flux = Flux.concat(Flux.just(chunk(Delta.content("A"))), Flux.error(cut));

        StepVerifier.create(StreamAggregator.aggregate(flux)).expectErrorMatches(e -> e == cut).verify(Duration.ofSeconds(5));
    }

    @Test
    void should_use_fresh_state_for_each_subscription() {
        Flux<ChatChunk> flux = Flux.just(chunk(Delta.content("once")));
        var mono = StreamAggregator.aggregate(flux);

        StepVerifier.create(mono).assertNext(r -> assertThat(r.text()).isEqualTo("once")).expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(mono).assertNext(r -> assertThat(r.text()).isEqualTo("once")).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_with_a_clear_error_when_the_flux_is_empty() {
        StepVerifier.create(StreamAggregator.aggregate(Flux.empty()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("no chunks"))
                .verify(Duration.ofSeconds(5));
    }
}
