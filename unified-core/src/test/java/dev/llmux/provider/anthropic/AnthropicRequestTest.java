package dev.llmux.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.Llmux;
import dev.llmux.api.ChatRequest;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.internal.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The exact Messages body llmux sends for each OpenAI feature, seen by a stub server. */
class AnthropicRequestTest {

    private static AnthropicStub stub;

    @BeforeAll
    static void start() {
        stub = new AnthropicStub();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.server.resetAll();
        stub.stubMessage("message_text.json");
    }

    /** Sends an OpenAI request body (as JSON) through the client and returns the body the server got. */
    private static JsonNode send(String openAiJson) {
        return send(openAiJson, Map.of());
    }

    private static JsonNode send(String openAiJson, Map<String, String> settings) {
        try (Llmux llmux = stub.client(settings)) {
            llmux.chat(Json.read(openAiJson, ChatRequest.class));
        }
        return stub.requestBody();
    }

    private static void assertBody(JsonNode actual, String expected) {
        assertThat(actual).isEqualTo(Json.tree(expected));
    }

    @Test
    void should_send_auth_version_headers_and_the_catalog_max_output_as_max_tokens() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Hello"}]}""");

        assertBody(body, """
                {"model":"claude-sonnet-4-5","max_tokens":64000,"messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]}""");
        LoggedRequest req = stub.request();
        assertThat(req.getHeader("x-api-key")).isEqualTo(AnthropicStub.KEY);
        assertThat(req.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(req.getHeader("Content-Type")).startsWith("application/json");
        assertThat(req.containsHeader("anthropic-beta")).isFalse();
        assertThat(req.containsHeader("Authorization")).isFalse();
    }

    @Test
    void should_default_max_tokens_to_4096_for_a_model_outside_the_catalog_and_honour_the_setting() {
        assertThat(send("""
                {"model":"anthropic/claude-unlisted-1","messages":[{"role":"user","content":"Hi"}]}""")
                .get("max_tokens").asInt()).isEqualTo(4096);
        stub.server.resetRequests();
        assertThat(send("""
                {"model":"anthropic/claude-3-5-haiku-20241022","messages":[{"role":"user","content":"Hi"}]}""")
                .get("max_tokens").asInt()).as("the catalog's max output").isEqualTo(8192);
        stub.server.resetRequests();
        assertThat(send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", Map.of("default_max_tokens", "1000"))
                .get("max_tokens").asInt()).isEqualTo(1000);
        stub.server.resetRequests();
        assertThat(send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":300,"max_tokens":99}""")
                .get("max_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void should_lift_system_and_developer_messages_keep_cache_control_and_merge_same_role_turns() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"messages":[
                 {"role":"system","content":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Answer in French."}]},
                 {"role":"user","content":"Hi"},
                 {"role":"developer","content":"Never swear.","cache_control":{"type":"ephemeral","ttl":"1h"}},
                 {"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                   {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}]},
                 {"role":"assistant","content":"Bonjour"},
                 {"role":"assistant","content":[{"type":"text","text":"Encore?"}]},
                 {"role":"user","content":"Oui","cache_control":{"type":"ephemeral"}}]}""");

        assertBody(body, """
                {"model":"claude-sonnet-4-5","max_tokens":100,
                 "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Answer in French."},
                           {"type":"text","text":"Never swear.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Hi"},{"type":"text","text":"What is this?"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                    {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]},
                  {"role":"assistant","content":[{"type":"text","text":"Bonjour"},{"type":"text","text":"Encore?"}]},
                  {"role":"user","content":[{"type":"text","text":"Oui","cache_control":{"type":"ephemeral"}}]}]}""");
    }

    @Test
    void should_send_pdf_and_text_files_as_documents_and_file_ids_with_the_files_beta() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
                 {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xLjQ=","filename":"report.pdf"}},
                 {"type":"file","file":{"file_data":"data:text/plain;base64,aGVsbG8gd29ybGQ="}},
                 {"type":"file","file":{"file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}},
                 {"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"},"citations":{"enabled":true}},
                 {"type":"text","text":"Summarise."}]}]}""", Map.of("anthropic_beta", "token-efficient-tools-2025-02-19"));

        assertBody(body, """
                {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
                 {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQ="},"title":"report.pdf"},
                 {"type":"document","source":{"type":"text","media_type":"text/plain","data":"hello world"}},
                 {"type":"document","source":{"type":"file","file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}},
                 {"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"},"citations":{"enabled":true}},
                 {"type":"text","text":"Summarise."}]}]}""");
        assertThat(stub.request().getHeader("anthropic-beta")).isEqualTo("files-api-2025-04-14,token-efficient-tools-2025-02-19");
    }

    @Test
    void should_map_a_tool_loop_echoing_thinking_blocks_and_merging_tool_results_into_one_user_turn() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":2000,"messages":[
                 {"role":"user","content":"Weather and time in Paris?"},
                 {"role":"assistant","content":"","reasoning_content":"Two tools.",
                  "thinking_blocks":[{"type":"thinking","thinking":"Two tools.","signature":"sig-1"},{"type":"redacted_thinking","data":"opaque"}],
                  "tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}},
                                {"id":"toolu_2","type":"function","function":{"name":"get_time","arguments":""}}]},
                 {"role":"tool","tool_call_id":"toolu_1","content":"18C and sunny"},
                 {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"14:05"}],"cache_control":{"type":"ephemeral"}},
                 {"role":"user","content":"And tomorrow?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                           "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}},
                           "cache_control":{"type":"ephemeral"}},
                          {"type":"function","function":{"name":"get_time"}}],
                 "tool_choice":"auto","parallel_tool_calls":false}""");

        assertBody(body, """
                {"model":"claude-sonnet-4-5","max_tokens":2000,"messages":[
                 {"role":"user","content":[{"type":"text","text":"Weather and time in Paris?"}]},
                 {"role":"assistant","content":[
                   {"type":"thinking","thinking":"Two tools.","signature":"sig-1"},
                   {"type":"redacted_thinking","data":"opaque"},
                   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}},
                   {"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"toolu_1","content":"18C and sunny"},
                   {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"14:05"}],"cache_control":{"type":"ephemeral"}},
                   {"type":"text","text":"And tomorrow?"}]}],
                 "tools":[{"name":"get_weather","description":"Current weather",
                           "input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]},
                           "cache_control":{"type":"ephemeral"}},
                          {"name":"get_time","input_schema":{"type":"object","properties":{}}}],
                 "tool_choice":{"type":"auto","disable_parallel_tool_use":true}}""");
    }

    @Test
    void should_map_every_tool_choice() {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]";
        Map<String, String> cases = Map.of(
                "\"none\"", "{\"type\":\"none\"}",
                "\"required\"", "{\"type\":\"any\"}",
                "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}", "{\"type\":\"tool\",\"name\":\"f\"}");
        cases.forEach((openAi, anthropic) -> {
            stub.server.resetRequests();
            JsonNode body = send("{\"model\":\"anthropic/claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + tools + ",\"tool_choice\":" + openAi + "}");
            assertThat(body.get("tool_choice")).as(openAi).isEqualTo(Json.tree(anthropic));
        });
        stub.server.resetRequests();
        JsonNode body = send("{\"model\":\"anthropic/claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + tools + ",\"tool_choice\":\"required\",\"parallel_tool_calls\":false}");
        assertThat(body.get("tool_choice")).isEqualTo(Json.tree("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
        stub.server.resetRequests();
        body = send("{\"model\":\"anthropic/claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools + "}");
        assertThat(body.has("tool_choice")).isFalse();
    }

    @Test
    void should_map_sampling_stop_user_and_pass_anthropic_extras_through() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"max_tokens":50,
                 "temperature":0.3,"top_p":0.9,"stop":["END","STOP"],"user":"user-42","top_k":5,"service_tier":"standard_only",
                 "unknown_field":"never sent"}""");

        assertBody(body, """
                {"model":"claude-sonnet-4-5","max_tokens":50,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],
                 "temperature":0.3,"top_p":0.9,"stop_sequences":["END","STOP"],"metadata":{"user_id":"user-42"},
                 "top_k":5,"service_tier":"standard_only"}""");
    }

    @Test
    void should_map_web_search_options_to_the_hosted_tool_and_add_code_execution_for_container_uploads() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
                  {"type":"text","text":"Analyse it"},{"type":"container_upload","file_id":"file_1"}]}],
                 "web_search_options":{"search_context_size":"medium","user_location":{"type":"approximate",
                  "approximate":{"city":"Cape Town","country":"ZA","timezone":"Africa/Johannesburg"}}}}""");

        assertThat(body.get("tools")).isEqualTo(Json.tree("""
                [{"type":"web_search_20250305","name":"web_search","max_uses":5,
                  "user_location":{"type":"approximate","city":"Cape Town","country":"ZA","timezone":"Africa/Johannesburg"}},
                 {"type":"code_execution_20250522","name":"code_execution"}]"""));
        assertThat(body.get("messages").get(0).get("content").get(1)).isEqualTo(Json.tree("{\"type\":\"container_upload\",\"file_id\":\"file_1\"}"));
    }

    @Test
    void should_not_send_an_email_or_phone_number_as_user_id() {
        assertThat(send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"user":"jane@example.com"}""")
                .has("metadata")).isFalse();
        stub.server.resetRequests();
        assertThat(send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"user":"+27 21 555 0100"}""")
                .has("metadata")).isFalse();
    }

    @Test
    void should_use_native_structured_output_on_models_that_have_it() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Paris facts"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,
                  "schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}}""");

        assertBody(body, """
                {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":"Paris facts"}]}],
                 "output_config":{"format":{"type":"json_schema",
                  "schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}}""");
    }

    @Test
    void should_emulate_structured_output_with_a_forced_tool_on_older_models_and_for_json_object() {
        JsonNode body = send("""
                {"model":"anthropic/claude-3-7-sonnet-20250219","max_tokens":100,"messages":[{"role":"user","content":"Paris facts"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"city",
                  "schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}""");
        assertBody(body, """
                {"model":"claude-3-7-sonnet-20250219","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":"Paris facts"}]}],
                 "tools":[{"name":"json_tool_call","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "tool_choice":{"type":"tool","name":"json_tool_call"}}""");

        stub.server.resetRequests();
        body = send("""
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""");
        assertThat(body.get("tools")).isEqualTo(Json.tree("""
                [{"name":"json_tool_call","input_schema":{"type":"object","properties":{},"additionalProperties":true}}]"""));
        assertThat(body.get("tool_choice")).isEqualTo(Json.tree("{\"type\":\"tool\",\"name\":\"json_tool_call\"}"));

        stub.server.resetRequests();
        body = send("""
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"x"}],"response_format":{"type":"text"}}""");
        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("output_config")).isFalse();
    }

    @Test
    void should_map_reasoning_effort_to_a_thinking_budget_on_budget_models_raising_max_tokens_above_it() {
        JsonNode body = send("""
                {"model":"anthropic/claude-sonnet-4-20250514","messages":[{"role":"user","content":"x"}],"reasoning_effort":"high"}""",
                Map.of("default_max_tokens", "4096"));
        assertBody(body, """
                {"model":"claude-sonnet-4-20250514","max_tokens":8192,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],
                 "thinking":{"type":"enabled","budget_tokens":4096}}""");

        stub.server.resetRequests();
        body = send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"reasoning_effort":"low"}""");
        assertThat(body.get("thinking")).isEqualTo(Json.tree("{\"type\":\"enabled\",\"budget_tokens\":1024}"));
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64000);

        stub.server.resetRequests();
        body = send("""
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"reasoning_effort":"medium",
                 "thinking":{"type":"enabled","budget_tokens":3000,"display":"summarized"}}""");
        assertThat(body.get("thinking")).isEqualTo(Json.tree("{\"type\":\"enabled\",\"budget_tokens\":3000,\"display\":\"summarized\"}"));
    }

    @Test
    void should_use_adaptive_thinking_and_output_effort_on_adaptive_models() {
        JsonNode body = send("""
                {"model":"anthropic/claude-opus-4-7","max_tokens":32000,"messages":[{"role":"user","content":"x"}],"reasoning_effort":"high",
                 "response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object","properties":{},"additionalProperties":false}}}}""");
        assertBody(body, """
                {"model":"claude-opus-4-7","max_tokens":32000,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],
                 "thinking":{"type":"adaptive"},
                 "output_config":{"effort":"high","format":{"type":"json_schema","schema":{"type":"object","properties":{},"additionalProperties":false}}}}""");
    }

    @Test
    void should_offer_the_json_tool_unforced_when_thinking_is_on_and_reject_a_forced_tool_choice() {
        JsonNode body = send("""
                {"model":"anthropic/claude-3-7-sonnet-20250219","max_tokens":8000,"messages":[{"role":"user","content":"x"}],
                 "reasoning_effort":"low","response_format":{"type":"json_object"}}""");
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.get("tools").get(0).get("name").asString()).isEqualTo("json_tool_call");

        stub.server.resetRequests();
        try (Llmux llmux = stub.client()) {
            assertThatThrownBy(() -> llmux.chat(Json.read("""
                    {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"reasoning_effort":"low",
                     "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required"}""", ChatRequest.class)))
                    .isInstanceOf(UnsupportedParamsException.class)
                    .hasMessageContaining("thinking with a forced tool_choice")
                    .satisfies(e -> assertThat(((UnsupportedParamsException) e).details().param()).isEqualTo("tool_choice"));
        }
        assertThat(stub.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_reject_tool_history_without_tools_unless_modify_params_adds_a_dummy_tool() {
        String history = """
                {"model":"anthropic/claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"x"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"toolu_1","content":"done"}]}""";
        try (Llmux llmux = stub.client()) {
            assertThatThrownBy(() -> llmux.chat(Json.read(history, ChatRequest.class)))
                    .isInstanceOf(UnsupportedParamsException.class)
                    .hasMessageContaining("modify_params");
        }
        JsonNode body = send(history, Map.of("modify_params", "true"));
        assertThat(body.get("tools")).isEqualTo(Json.tree("""
                [{"name":"dummy_tool","description":"This is a dummy tool call","input_schema":{"type":"object","properties":{}}}]"""));
    }

    @Test
    void should_reject_what_anthropic_cannot_take_before_calling() {
        try (Llmux llmux = stub.client()) {
            assertThatThrownBy(() -> llmux.chat(Json.read("""
                    {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":[
                     {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}""", ChatRequest.class)))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("input_audio");
            assertThatThrownBy(() -> llmux.chat(Json.read("""
                    {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"stop":["\\n"]}""", ChatRequest.class)))
                    .isInstanceOf(UnsupportedParamsException.class)
                    .hasMessageContaining("whitespace-only stop");
            assertThatThrownBy(() -> llmux.chat(Json.read("""
                    {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"},
                     {"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{oops"}}]}],
                     "tools":[{"type":"function","function":{"name":"f"}}]}""", ChatRequest.class)))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> llmux.chat(Json.read("""
                    {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"seed":7}""", ChatRequest.class)))
                    .isInstanceOf(UnsupportedParamsException.class)
                    .hasMessageContaining("seed");
            assertThatThrownBy(() -> llmux.chat(Json.read("""
                    {"model":"anthropic/claude-3-5-haiku-20241022","messages":[{"role":"user","content":"x"}],"reasoning_effort":"low"}""", ChatRequest.class)))
                    .isInstanceOf(UnsupportedParamsException.class)
                    .hasMessageContaining("reasoning_effort");
        }
        assertThat(stub.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_fail_with_an_authentication_error_naming_the_variable_when_no_key_is_set() {
        try (Llmux llmux = Llmux.builder().env(name -> null)
                .settings("anthropic", dev.llmux.spi.ProviderSettings.builder().apiBase(stub.server.baseUrl()).build()).build()) {
            assertThatThrownBy(() -> llmux.chat("anthropic/claude-sonnet-4-5", dev.llmux.api.ChatMessage.user("x")))
                    .isInstanceOf(dev.llmux.error.AuthenticationException.class)
                    .hasMessageContaining("ANTHROPIC_API_KEY");
        }
    }

    @Test
    void should_read_the_key_from_the_environment_and_accept_a_base_that_already_names_the_endpoint() {
        try (Llmux llmux = Llmux.builder().env(name -> name.equals("ANTHROPIC_API_KEY") ? "env-key" : null)
                .settings("anthropic", dev.llmux.spi.ProviderSettings.builder().apiBase(stub.server.baseUrl() + "/v1/messages/").build()).build()) {
            llmux.chat("anthropic/claude-sonnet-4-5", dev.llmux.api.ChatMessage.user("x"));
        }
        assertThat(stub.request().getHeader("x-api-key")).isEqualTo("env-key");
    }
}
