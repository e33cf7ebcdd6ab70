package dev.llmux.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmux.provider.openai.WireMockLlmux.fixture;
import static dev.llmux.provider.openai.WireMockLlmux.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.Llmux;
import dev.llmux.api.CacheControl;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.StreamOptions;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadRequestException;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiChatTest {

    private final WireMockLlmux wm = new WireMockLlmux();

    @AfterEach
    void stop() {
        wm.close();
    }

    private Llmux client() {
        return wm.client("openai", Map.of("api_base", wm.baseUrl() + "/v1", "api_key", "sk-test"), Map.of());
    }

    static ChatRequest everyField() {
        return ChatRequest.builder()
                .model("openai/gpt-4o")
                .message(ChatMessage.system("be brief"))
                .message(new ChatMessage.DeveloperMessage(Content.of(ContentPart.text("dev rules")), null, null))
                .message(new ChatMessage.UserMessage(Content.of(
                        new ContentPart.Text("what is in these?", CacheControl.ephemeral()),
                        ContentPart.imageUrl("https://example.com/cat.png", "low"),
                        ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo=", "high"),
                        new ContentPart.InputAudio(new ContentPart.InputAudio.Audio("UklGRg==", "wav")),
                        new ContentPart.File(new ContentPart.File.FileRef(null, "data:application/pdf;base64,JVBERi0=", "a.pdf")),
                        new ContentPart.File(new ContentPart.File.FileRef("file-abc", null, null))), "alice", null))
                .message(ChatMessage.AssistantMessage.builder()
                        .toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}")))
                        .reasoningContent("I should look it up")
                        .thinkingBlocks(List.of(ThinkingBlock.thinking("t", "sig")))
                        .build())
                .message(ChatMessage.tool("call_1", "sunny"))
                .tool(new Tool("function", new Tool.Function("get_weather", "Weather for a city",
                        Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")), true),
                        CacheControl.ephemeral()))
                .toolChoice(ToolChoice.function("get_weather"))
                .parallelToolCalls(false)
                .responseFormat(ResponseFormat.jsonSchema("weather", Map.of("type", "object"), true))
                .temperature(0.2).topP(0.9).maxTokens(100).maxCompletionTokens(200)
                .stop(List.of("END", "STOP")).n(2).seed(42L).presencePenalty(0.5).frequencyPenalty(-0.5)
                .logitBias(Map.of("50256", -100)).logprobs(true).topLogprobs(3).user("u1")
                .metadata(Map.of("team", "search")).reasoningEffort("low")
                .extra("service_tier", "flex")
                .build();
    }

    static final String EVERY_FIELD_WIRE = """
            {"model":"gpt-4o","messages":[
              {"role":"system","content":"be brief"},
              {"role":"developer","content":[{"type":"text","text":"dev rules"}]},
              {"role":"user","content":[
                {"type":"text","text":"what is in these?"},
                {"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"low"}},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
                {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
                {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"a.pdf"}},
                {"type":"file","file":{"file_id":"file-abc"}}],"name":"alice"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a city",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},
             "parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object"},"strict":true}},
             "temperature":0.2,"top_p":0.9,"max_tokens":100,"max_completion_tokens":200,"stop":["END","STOP"],"n":2,"seed":42,
             "presence_penalty":0.5,"frequency_penalty":-0.5,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":3,
             "user":"u1","metadata":{"team":"search"},"reasoning_effort":"low","service_tier":"flex"}""";

    @Test
    void should_send_every_field_exactly_and_nothing_llmux_only() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/tool-calls.json")));
        try (Llmux llmux = client()) {
            llmux.chat(everyField());
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree(EVERY_FIELD_WIRE));
        wm.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "auto     | \"auto\"",
            "none     | \"none\"",
            "required | \"required\"",
            "function | {\"type\":\"function\",\"function\":{\"name\":\"f\"}}"})
    void should_send_each_tool_choice_form(String mode, String wire) {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/tool-calls.json")));
        ToolChoice choice = switch (mode) {
            case "auto" -> ToolChoice.AUTO;
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            default -> ToolChoice.function("f");
        };
        try (Llmux llmux = client()) {
            llmux.chat(ChatRequest.builder().model("openai/gpt-4o").addUser("hi")
                    .tool(Tool.function("f", null, Map.of("type", "object"))).toolChoice(choice).build());
        }
        assertThat(wm.lastBody().get("tool_choice")).isEqualTo(Json.tree(wire));
    }

    @Test
    void should_send_json_object_response_format_and_a_single_stop() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = client()) {
            llmux.chat(ChatRequest.builder().model("openai/gpt-4o").addUser("json please")
                    .responseFormat(ResponseFormat.JSON_OBJECT).stop(List.of("\n")).build());
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"json please"}],
                 "response_format":{"type":"json_object"},"stop":["\\n"]}"""));
    }

    @Test
    void should_parse_parallel_tool_calls_and_usage_details_exactly() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/tool-calls.json")));
        ChatResponse res;
        try (Llmux llmux = client()) {
            res = llmux.chat(ChatRequest.builder().model("openai/gpt-4o-mini").addUser("weather?").build());
        }
        assertThat(wire(res)).isEqualTo(withoutNullRefusals(fixture("chat/tool-calls.json")));
        assertThat(res.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(res.message().toolCallsOrEmpty()).extracting(ToolCall::id, ToolCall::name, ToolCall::arguments).containsExactly(
                org.assertj.core.groups.Tuple.tuple("call_abc123", "get_weather", "{\"location\":\"Boston, MA\"}"),
                org.assertj.core.groups.Tuple.tuple("call_def456", "get_weather", "{\"location\":\"Paris\"}"));
        assertThat(res.usage().cachedTokens()).isEqualTo(1024);
        assertThat(res.usage().reasoningTokens()).isEqualTo(64);
        assertThat(res.usage().totalTokens()).isEqualTo(1199);
        assertThat(res.callInfo().provider()).isEqualTo("openai");
        assertThat(res.callInfo().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void should_parse_a_refusal_with_null_content() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/refusal.json")));
        ChatResponse res;
        try (Llmux llmux = client()) {
            res = llmux.chat(ChatRequest.builder().model("openai/gpt-4o").addUser("bad idea").build());
        }
        assertThat(wire(res)).isEqualTo(Json.tree(fixture("chat/refusal.json")));
        assertThat(res.message().refusal()).isEqualTo("I'm sorry, I can't help with that request.");
        assertThat(res.text()).isNull();
    }

    @Test
    void should_keep_logprobs_of_every_choice_as_sent() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/logprobs.json")));
        ChatResponse res;
        try (Llmux llmux = client()) {
            res = llmux.chat(ChatRequest.builder().model("openai/gpt-4o-mini").addUser("hi").n(2).logprobs(true).topLogprobs(2).maxTokens(1).build());
        }
        assertThat(wire(res)).isEqualTo(withoutNullRefusals(fixture("chat/logprobs.json")));
        assertThat(res.choices()).hasSize(2);
        assertThat(res.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @ParameterizedTest
    @CsvSource({"o3-mini, true", "o1, true", "gpt-5, true", "gpt-5-mini, true", "gpt-5-chat-latest, false", "gpt-4o, false"})
    void should_send_max_tokens_as_max_completion_tokens_only_for_reasoning_models(String model, boolean renamed) {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = client()) {
            llmux.chat(ChatRequest.builder().model("openai/" + model).addUser("hi").maxTokens(50).build());
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\""
                + (renamed ? "max_completion_tokens" : "max_tokens") + "\":50}"));
    }

    @Test
    void should_keep_an_explicit_max_completion_tokens_for_reasoning_models() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = client()) {
            llmux.chat(ChatRequest.builder().model("openai/o3").addUser("hi").maxTokens(50).maxCompletionTokens(500).reasoningEffort("high").build());
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"o3","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":500,"reasoning_effort":"high"}"""));
    }

    @Test
    void should_send_bearer_key_and_organization_and_project_headers_from_settings() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = wm.client("openai", Map.of("api_base", wm.baseUrl() + "/v1/", "api_key", "sk-test",
                "organization", "org-123", "project", "proj_456"), Map.of())) {
            llmux.chat("openai/gpt-4o", ChatMessage.user("hi"));
        }
        assertThat(wm.lastRequest().getHeader("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(wm.lastRequest().getHeader("OpenAI-Organization")).isEqualTo("org-123");
        assertThat(wm.lastRequest().getHeader("OpenAI-Project")).isEqualTo("proj_456");
        assertThat(wm.lastRequest().getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void should_send_each_calls_own_key_base_and_organization_when_they_change_from_call_to_call() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        wm.stub("/other/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = wm.client("openai", Map.of("api_base", wm.baseUrl() + "/v1", "api_key", "sk-first"), Map.of())) {
            ChatRequest request = ChatRequest.builder().model("openai/gpt-4o").addUser("hi").build();
            List<String> seen = new java.util.ArrayList<>();
            for (Map<String, String> override : List.of(Map.<String, String>of(), Map.of("api_key", "sk-second"),
                    Map.of("api_key", "sk-second", "organization", "org-2"), Map.of("api_base", wm.baseUrl() + "/other/v1"),
                    Map.<String, String>of())) {
                llmux.chat(request, dev.llmux.CallOptions.defaults().withSettings(ProviderSettings.of(override)));
                seen.add(wm.lastRequest().getUrl() + " " + wm.lastRequest().getHeader("Authorization") + " "
                        + wm.lastRequest().getHeader("OpenAI-Organization"));
            }
            assertThat(seen).containsExactly(
                    "/v1/chat/completions Bearer sk-first null",
                    "/v1/chat/completions Bearer sk-second null",
                    "/v1/chat/completions Bearer sk-second org-2",
                    "/other/v1/chat/completions Bearer sk-first null",
                    "/v1/chat/completions Bearer sk-first null");
        }
    }

    @Test
    void should_read_key_base_url_and_organization_from_the_environment() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = wm.client("openai", Map.of(), Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", wm.baseUrl() + "/v1",
                "OPENAI_ORGANIZATION", "org-env"))) {
            llmux.chat("openai/gpt-4o", ChatMessage.user("hi"));
        }
        assertThat(wm.lastRequest().getHeader("Authorization")).isEqualTo("Bearer sk-env");
        assertThat(wm.lastRequest().getHeader("OpenAI-Organization")).isEqualTo("org-env");
        assertThat(wm.lastRequest().containsHeader("OpenAI-Project")).isFalse();
    }

    @Test
    void should_fail_with_authentication_error_naming_the_variable_when_no_key_is_set_for_openai() {
        try (Llmux llmux = wm.client("openai", Map.of(), Map.of())) {
            assertThatThrownBy(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("OPENAI_API_KEY");
        }
        assertThat(wm.requests()).isEmpty();
    }

    @Test
    void should_reject_a_malformed_api_base_naming_it() {
        try (Llmux llmux = wm.client("openai", Map.of("api_base", "not a url", "api_key", "k"), Map.of())) {
            assertThatThrownBy(() -> llmux.chat("openai/gpt-4o", ChatMessage.user("hi")))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("api_base")
                    .hasMessageContaining("not a url");
        }
    }

    @Test
    void should_strip_llmux_only_markers_but_keep_unknown_openai_fields() {
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        ChatRequest req = ChatRequest.builder().model("openai/gpt-4o")
                .message(new ChatMessage.SystemMessage(Content.of("sys"), null, CacheControl.ephemeral()))
                .addUser("hi").extra("store", true).extra("prediction", Map.of("type", "content", "content", "x"))
                .streamOptions(StreamOptions.withUsage()).stream(true).build();
        try (Llmux llmux = client()) {
            llmux.chat(req);
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"sys"},{"role":"user","content":"hi"}],
                 "store":true,"prediction":{"type":"content","content":"x"}}"""));
    }

    /** A record's wire JSON read back as a tree, so numbers compare by value whatever their Java type. */
    static JsonNode wire(Object value) {
        return Json.tree(Json.writeString(value));
    }

    /** Our records leave out {@code "refusal": null}; everything else must survive parsing exactly. */
    static JsonNode withoutNullRefusals(String json) {
        JsonNode tree = Json.tree(json);
        tree.get("choices").forEach(c -> {
            ObjectNode m = (ObjectNode) c.get("message");
            if (m.has("refusal") && m.get("refusal").isNull()) {
                m.remove("refusal");
            }
        });
        return tree;
    }
}
