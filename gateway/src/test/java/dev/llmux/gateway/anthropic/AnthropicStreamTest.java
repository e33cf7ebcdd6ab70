package dev.llmux.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenAI chunks with text then a streamed tool call become Anthropic's block events. */
class AnthropicStreamTest {

    private static List<JsonNode> events(List<byte[]> raw) {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] b : raw) {
            String s = new String(b, StandardCharsets.UTF_8);
            String data = s.substring(s.indexOf("data: ") + 6).trim();
            out.add(Json.tree(data));
        }
        return out;
    }

    @Test
    void should_emit_a_text_block_then_a_tool_use_block_then_usage() {
        AnthropicStream s = new AnthropicStream("my-model");
        List<byte[]> raw = new ArrayList<>();
        raw.addAll(s.onChunk(ChatChunk.of("c1", 1, "m", ChatChunk.Delta.content("Let me check."), null)));
        raw.addAll(s.onChunk(ChatChunk.of("c1", 1, "m",
                ChatChunk.Delta.toolCalls(List.of(new ToolCall(0, "call_9", "function", new ToolCall.FunctionCall("get_weather", "")))), null)));
        raw.addAll(s.onChunk(ChatChunk.of("c1", 1, "m",
                ChatChunk.Delta.toolCalls(List.of(new ToolCall(0, null, null, new ToolCall.FunctionCall(null, "{\"city\":")))), null)));
        raw.addAll(s.onChunk(ChatChunk.of("c1", 1, "m",
                ChatChunk.Delta.toolCalls(List.of(new ToolCall(0, null, null, new ToolCall.FunctionCall(null, "\"Oslo\"}")))), null)));
        raw.addAll(s.onChunk(ChatChunk.of("c1", 1, "m", ChatChunk.Delta.EMPTY, FinishReason.TOOL_CALLS)));
        raw.addAll(s.onChunk(ChatChunk.of("c1", 1, "m", List.of(), Usage.of(20, 7, 5, 3, 0))));
        raw.addAll(s.finish());

        List<String> types = events(raw).stream().map(e -> e.get("type").asString()).toList();
        assertThat(types).containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta",
                "message_stop");
        List<JsonNode> e = events(raw);
        assertThat(e.get(0).get("message").get("model").asString()).isEqualTo("my-model");
        assertThat(e.get(4)).isEqualTo(Json.tree("""
                {"type":"content_block_start","index":1,
                 "content_block":{"type":"tool_use","id":"call_9","name":"get_weather","input":{}}}"""));
        assertThat(e.get(5).get("delta")).isEqualTo(Json.tree("{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}"));
        assertThat(e.get(8)).isEqualTo(Json.tree("""
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
                 "usage":{"input_tokens":12,"output_tokens":7,"cache_creation_input_tokens":3,"cache_read_input_tokens":5}}"""));
    }
}
