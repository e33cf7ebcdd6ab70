package dev.llmux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.internal.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class ChatRequestJsonTest {

    @Test
    void should_round_trip_every_field_exactly() {
        String json = """
                {"model":"gpt-4o","messages":[\
                {"role":"system","content":"be brief"},\
                {"role":"developer","content":[{"type":"text","text":"dev"}]},\
                {"role":"user","content":[{"type":"text","text":"what is this?","cache_control":{"type":"ephemeral"}},\
                {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"high"}},\
                {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},\
                {"type":"file","file":{"file_id":"file-1","filename":"a.pdf"}}],"name":"bob"},\
                {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}],\
                "reasoning_content":"thinking...","thinking_blocks":[{"type":"thinking","thinking":"t","signature":"sig"},{"type":"redacted_thinking","data":"xyz"}]},\
                {"role":"tool","tool_call_id":"call_1","content":"sunny"},\
                {"role":"function","name":"legacy","content":"x"}],\
                "tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}}],\
                "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,\
                "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"},"strict":true}},\
                "temperature":0.2,"top_p":0.9,"max_tokens":100,"max_completion_tokens":200,"stop":["END"],"n":1,"seed":42,\
                "presence_penalty":0.5,"frequency_penalty":-0.5,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":3,\
                "user":"u1","metadata":{"k":"v"},"reasoning_effort":"low","stream":true,"stream_options":{"include_usage":true},\
                "top_k":5,"thinking":{"type":"enabled","budget_tokens":1024}}""";
        ChatRequest req = Json.read(json, ChatRequest.class);
        assertThat(Json.tree(Json.write(req))).isEqualTo(Json.tree(json));
        assertThat(req.messages()).hasSize(6);
        assertThat(req.messages().get(5)).isInstanceOf(ChatMessage.UnknownMessage.class);
        assertThat(req.extra()).containsKeys("top_k", "thinking");
        assertThat(req.toolChoice().functionName()).isEqualTo("get_weather");
        ChatMessage.AssistantMessage a = (ChatMessage.AssistantMessage) req.messages().get(3);
        assertThat(a.thinkingBlocks()).extracting(ThinkingBlock::signature).containsExactly("sig", null);
    }

    @Test
    void should_name_the_set_params_outside_a_provider_support_in_wire_order() {
        ChatRequest req = Json.read("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"seed":3,"temperature":0.5,"user":"u","stop":"x","vendor_x":1}""",
                ChatRequest.class);

        assertThat(req.setParams()).containsExactly("temperature", "stop", "seed", "user");
        assertThat(req.setParamsOutside(java.util.Set.of("temperature", "stop"))).containsExactly("seed", "user");
        assertThat(req.setParamsOutside(java.util.Set.of("temperature", "stop", "seed", "user", "tools"))).isEmpty();
        assertThat(Json.tree(Json.write(req)).has("paramsOutside")).isFalse();
    }

    @Test
    void should_accept_stop_as_a_single_string() {
        ChatRequest req = Json.read("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop\":\"x\"}", ChatRequest.class);
        assertThat(req.stop()).containsExactly("x");
    }

    @Test
    void should_keep_unknown_finish_reasons_and_part_types() {
        ChatResponse res = Json.read("""
                {"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,\
                "message":{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"hologram","x":1}]},\
                "logprobs":null,"finish_reason":"insufficient_system_resource"}],"usage":null}""", ChatResponse.class);
        assertThat(res.finishReason().value()).isEqualTo("insufficient_system_resource");
        assertThat(res.finishReason().isKnown()).isFalse();
        assertThat(res.message().content().parts().get(1).type()).isEqualTo("hologram");
    }

    @Test
    void should_reject_a_temperature_out_of_range_naming_the_value() {
        assertThatThrownBy(() -> ChatRequest.builder().model("m").addUser("x").temperature(3.0).build())
                .hasMessageContaining("temperature").hasMessageContaining("3.0");
        assertThatThrownBy(() -> Json.read("{\"model\":\"m\",\"messages\":[],\"temperature\":-1}", ChatRequest.class))
                .isInstanceOf(JacksonException.class).hasMessageContaining("temperature");
    }

    @Test
    void should_refuse_a_new_model_for_a_request_without_messages_and_keep_every_field_otherwise() {
        ChatRequest empty = Json.read("{\"model\":\"openai/gpt-4o\",\"messages\":[]}", ChatRequest.class);
        assertThatThrownBy(() -> empty.withModel("gpt-4o")).isInstanceOf(IllegalStateException.class)
                .hasMessage("messages must not be empty");

        ChatRequest full = Json.read("""
                {"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}],"temperature":0.5,"stop":["x"],
                 "metadata":{"k":"v"},"logit_bias":{"50256":-100},"stream":true,"custom_field":{"a":1}}""", ChatRequest.class);
        assertThatThrownBy(() -> full.withModel(null)).isInstanceOf(IllegalStateException.class).hasMessage("model is required");
        assertThatThrownBy(() -> full.withMessages(java.util.List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessage("messages must not be empty");
        assertThat(full.withModel("gpt-4o")).isEqualTo(full.toBuilder().model("gpt-4o").build());
        assertThat(full.withMessages(java.util.List.of(ChatMessage.user("bye"))))
                .isEqualTo(full.toBuilder().messages(java.util.List.of(ChatMessage.user("bye"))).build());
    }
}
