package dev.llmux.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.Llmux;
import dev.llmux.api.CacheControl;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.internal.json.Json;
import dev.llmux.provider.bedrock.internal.AwsCredentials;
import dev.llmux.provider.bedrock.internal.SigV4Signer;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.tokens.TokenCounter;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BedrockChatTest extends BedrockTestBase {

    static final Map<String, Object> WEATHER_SCHEMA = Map.of(
            "type", "object", "properties", Map.of("location", Map.of("type", "string")), "required", List.of("location"));

    @Test
    void should_send_the_exact_converse_request_and_map_a_text_answer() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));

        ChatResponse res = llmux.chat(ChatRequest.builder()
                .model("bedrock/" + MODEL)
                .addSystem("You are terse.")
                .addUser("Hi")
                .temperature(1.5)
                .topP(0.9)
                .maxTokens(256)
                .stop(List.of("END", ""))
                .metadata(Map.of("trace", "t-1"))
                .extra("top_k", 40)
                .build());

        assertSentJson("""
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}],
                 "system":[{"text":"You are terse."}],
                 "inferenceConfig":{"maxTokens":256,"temperature":1.0,"topP":0.9,"stopSequences":["END"]},
                 "additionalModelRequestFields":{"top_k":40},
                 "requestMetadata":{"trace":"t-1"}}""");
        assertThat(tree(res)).isEqualTo(Json.tree("""
                {"id":"chatcmpl-%s","object":"chat.completion","created":1704067200,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help?"},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""".formatted(REQUEST_ID, MODEL)));
    }

    @Test
    void should_sign_the_request_the_transport_actually_sent() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build());

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo(MODEL_PATH + "/converse");
        assertThat(sent.getHeader("X-Amz-Date")).isEqualTo("20240101T000000Z");
        String auth = sent.getHeader("Authorization");
        assertThat(auth).matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}");
        // Re-sign what arrived (host with port, content type, body bytes): the signature must match, so nothing the
        // transport changed after signing is part of the signature.
        HttpRequest arrived = new HttpRequest("POST", URI.create(wm.baseUrl() + sent.getUrl()),
                Map.of("Content-Type", sent.getHeader("Content-Type")), sent.getBody(), null);
        HttpRequest resigned = new SigV4Signer("us-east-1", "bedrock").sign(arrived,
                new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null), NOW);
        assertThat(auth).isEqualTo(resigned.header("Authorization"));
    }

    @Test
    void should_produce_the_reference_signature_for_the_reference_request_end_to_end() {
        StubTransport transport = new StubTransport(200, Map.of("Content-Type", List.of("application/json")),
                List.of(BedrockFixtures.text("converse-text.json").getBytes(StandardCharsets.UTF_8)));
        try (Llmux client = Llmux.builder()
                .transport(transport)
                .settings("bedrock", ProviderSettings.of(Map.of(
                        "aws_access_key_id", "AKIDEXAMPLE", "aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
                .env(Map.of("AWS_REGION", "us-east-1")::get)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()) {
            client.chat(ChatRequest.builder().model("bedrock/anthropic.claude-3-haiku-20240307-v1:0").addUser("Hello").maxTokens(256).build());
        }

        HttpRequest sent = transport.requests.get(0);
        assertThat(sent.uri()).isEqualTo(URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"));
        assertThat(new String(sent.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}],\"inferenceConfig\":{\"maxTokens\":256}}");
        assertThat(sent.header("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=a4b82a857feb6b976e5110a3d87b2ce8cd6ecb0703e1d15db215a6a5e5d1f32a");
    }

    @Test
    void should_map_tools_tool_history_media_and_cache_points() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-tool-use.json"));
        ChatRequest request = ChatRequest.builder()
                .model("bedrock/" + MODEL)
                .message(new ChatMessage.SystemMessage(Content.of(new ContentPart.Text("Rules", CacheControl.ephemeral())), null, null))
                .message(ChatMessage.user(
                        new ContentPart.Text("What's the weather? See image", new CacheControl("ephemeral", "1h")),
                        ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo="),
                        new ContentPart.File(new ContentPart.File.FileRef(null, "data:application/pdf;base64,JVBERi0=", "report.2024.pdf"))))
                .message(ChatMessage.AssistantMessage.builder()
                        .toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"location\":\"Paris\"}"), ToolCall.function("call_2", "get_time", "")))
                        .build())
                .message(ChatMessage.tool("call_1", "18C"))
                .message(ChatMessage.tool("call_2", "12:00"))
                .addUser("thanks")
                .tool(Tool.function("get_weather", "Weather", WEATHER_SCHEMA))
                .tool(new Tool("function", new Tool.Function("get_time", null, null, null), CacheControl.ephemeral()))
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        ChatResponse res = llmux.chat(request);

        assertSentJson("""
                {"messages":[
                  {"role":"user","content":[
                    {"text":"What's the weather? See image"},{"cachePoint":{"type":"default","ttl":"1h"}},
                    {"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}},
                    {"document":{"format":"pdf","name":"report 2024","source":{"bytes":"JVBERi0="}}}]},
                  {"role":"assistant","content":[
                    {"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"location":"Paris"}}},
                    {"toolUse":{"toolUseId":"call_2","name":"get_time","input":{}}}]},
                  {"role":"user","content":[
                    {"toolResult":{"toolUseId":"call_1","content":[{"text":"18C"}]}},
                    {"toolResult":{"toolUseId":"call_2","content":[{"text":"12:00"}]}},
                    {"text":"thanks"}]}],
                 "system":[{"text":"Rules"},{"cachePoint":{"type":"default"}}],
                 "toolConfig":{"tools":[
                    {"toolSpec":{"name":"get_weather","description":"Weather","inputSchema":{"json":
                      {"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}},
                    {"toolSpec":{"name":"get_time","inputSchema":{"json":{"type":"object","properties":{}}}}},
                    {"cachePoint":{"type":"default"}}],
                  "toolChoice":{"any":{}}}}""");
        assertThat(tree(res)).isEqualTo(Json.tree("""
                {"id":"chatcmpl-%s","object":"chat.completion","created":1704067200,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check.","tool_calls":[
                    {"id":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}},
                    {"id":"tooluse_2nd","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":1912,"completion_tokens":58,"total_tokens":1970,
                          "prompt_tokens_details":{"cached_tokens":1000,"cache_write_tokens":500}}}""".formatted(REQUEST_ID, MODEL)));
    }

    @Test
    void should_declare_a_dummy_tool_when_the_history_has_tool_blocks_but_the_request_has_no_tools() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(toolHistory().build());

        assertSentJson("""
                {"messages":[
                  {"role":"user","content":[{"text":"Weather?"}]},
                  {"role":"assistant","content":[{"text":"Checking."},{"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"location":"Paris"}}}]},
                  {"role":"user","content":[{"toolResult":{"toolUseId":"call_1","content":[{"text":"18C"}]}}]}],
                 "toolConfig":{"tools":[{"toolSpec":{"name":"dummy_tool","description":"This is a dummy tool call",
                   "inputSchema":{"json":{"type":"object","properties":{}}}}}]}}""");
    }

    @Test
    void should_send_no_real_tools_for_tool_choice_none() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi")
                .tool(Tool.function("get_weather", "Weather", WEATHER_SCHEMA)).toolChoice(ToolChoice.NONE).build());
        assertSentJson("""
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""");

        wm.resetRequests();
        llmux.chat(toolHistory().tool(Tool.function("get_weather", "Weather", WEATHER_SCHEMA)).toolChoice(ToolChoice.NONE).build());
        assertThat(Json.tree(onlyRequest().getBody()).path("toolConfig")).isEqualTo(Json.tree("""
                {"tools":[{"toolSpec":{"name":"dummy_tool","description":"This is a dummy tool call","inputSchema":{"json":{"type":"object","properties":{}}}}}]}"""));
    }

    @Test
    void should_map_a_named_tool_choice_and_auto() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi")
                .tool(Tool.function("get_weather", null, WEATHER_SCHEMA)).toolChoice(ToolChoice.function("get_weather")).build());
        assertThat(Json.tree(onlyRequest().getBody()).path("toolConfig").path("toolChoice").toString()).isEqualTo("{\"tool\":{\"name\":\"get_weather\"}}");

        wm.resetRequests();
        llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi")
                .tool(Tool.function("get_weather", null, WEATHER_SCHEMA)).toolChoice(ToolChoice.AUTO).build());
        assertThat(Json.tree(onlyRequest().getBody()).path("toolConfig").path("toolChoice").toString()).isEqualTo("{\"auto\":{}}");
    }

    @Test
    void should_use_native_structured_output_with_the_schema_as_a_string_on_claude_4_5() {
        String model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
        stubJson("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse", 200, BedrockFixtures.text("converse-json-native.json"));

        ChatResponse res = llmux.chat(ChatRequest.builder().model("bedrock/" + model).addUser("Biggest city in France?")
                .responseFormat(new ResponseFormat("json_schema", new ResponseFormat.JsonSchema("city", "A city",
                        Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"))), true)))
                .build());

        JsonNode sent = Json.tree(onlyRequest().getBody());
        JsonNode jsonSchema = sent.path("outputConfig").path("textFormat").path("structure").path("jsonSchema");
        // Bedrock wants the schema as a string holding JSON.
        assertThat(jsonSchema.path("schema").isString()).isTrue();
        assertThat(Json.tree(jsonSchema.path("schema").asString())).isEqualTo(Json.tree("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"));
        assertThat(sent).isEqualTo(Json.tree("""
                {"messages":[{"role":"user","content":[{"text":"Biggest city in France?"}]}],
                 "outputConfig":{"textFormat":{"type":"json_schema","structure":{"jsonSchema":{
                   "schema":%s,"name":"city","description":"A city"}}}}}""".formatted(jsonSchema.path("schema").toString())));
        assertThat(res.text()).isEqualTo("{\"name\":\"Paris\",\"population\":2100000}");
        assertThat(res.finishReason().value()).isEqualTo("stop");
        assertThat(res.model()).isEqualTo(model);
    }

    @Test
    void should_emulate_structured_output_with_a_forced_tool_on_other_models() {
        stubJson("/model/amazon.nova-pro-v1%3A0/converse", 200, BedrockFixtures.text("converse-json-tool.json"));
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"), "population", Map.of("type", "integer")));

        ChatResponse res = llmux.chat(ChatRequest.builder().model("bedrock/converse/amazon.nova-pro-v1:0").addUser("Biggest city in France?")
                .responseFormat(ResponseFormat.jsonSchema("city", schema, true)).extra("top_k", 5).build());

        assertSentJson("""
                {"messages":[{"role":"user","content":[{"text":"Biggest city in France?"}]}],
                 "toolConfig":{"tools":[{"toolSpec":{"name":"city","inputSchema":{"json":
                    {"type":"object","properties":{"name":{"type":"string"},"population":{"type":"integer"}}}}}}],
                  "toolChoice":{"tool":{"name":"city"}}},
                 "additionalModelRequestFields":{"inferenceConfig":{"topK":5}}}""");
        assertThat(tree(res)).isEqualTo(Json.tree("""
                {"id":"chatcmpl-%s","object":"chat.completion","created":1704067200,"model":"amazon.nova-pro-v1:0",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"name\\":\\"Paris\\",\\"population\\":2100000}"},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":20,"total_tokens":50}}""".formatted(REQUEST_ID)));
    }

    @Test
    void should_emulate_json_object_with_litellms_json_tool() {
        stubJson("/model/amazon.nova-pro-v1%3A0/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(ChatRequest.builder().model("bedrock/amazon.nova-pro-v1:0").addUser("JSON please").responseFormat(ResponseFormat.JSON_OBJECT).build());

        assertThat(Json.tree(onlyRequest().getBody()).path("toolConfig")).isEqualTo(Json.tree("""
                {"tools":[{"toolSpec":{"name":"json_tool_call","inputSchema":{"json":{"type":"object","additionalProperties":true,"properties":{}}}}}],
                 "toolChoice":{"tool":{"name":"json_tool_call"}}}"""));
    }

    @Test
    void should_map_reasoning_effort_to_a_thinking_budget_and_return_reasoning() {
        String model = "anthropic.claude-3-7-sonnet-20250219-v1:0";
        stubJson("/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse", 200, BedrockFixtures.text("converse-reasoning.json"));

        ChatResponse res = llmux.chat(ChatRequest.builder().model("bedrock/" + model).addUser("2+2?").reasoningEffort("medium")
                .tool(Tool.function("calc", null, Map.of("type", "object"))).toolChoice(ToolChoice.REQUIRED).build());

        assertSentJson("""
                {"messages":[{"role":"user","content":[{"text":"2+2?"}]}],
                 "inferenceConfig":{"maxTokens":6144},
                 "toolConfig":{"tools":[{"toolSpec":{"name":"calc","inputSchema":{"json":{"type":"object"}}}}],"toolChoice":{"auto":{}}},
                 "additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":2048}}}""");
        assertThat(tree(res)).isEqualTo(Json.tree("""
                {"id":"chatcmpl-%s","object":"chat.completion","created":1704067200,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"4",
                    "reasoning_content":"The user wants 2+2. ",
                    "thinking_blocks":[{"type":"thinking","thinking":"The user wants 2+2. ","signature":"EqQBCkYIBxgCKkDsig=="},
                                       {"type":"redacted_thinking","data":"RW5jcnlwdGVkIHJlYXNvbmluZw=="}]},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":40,"completion_tokens":90,"total_tokens":130,
                          "completion_tokens_details":{"reasoning_tokens":%d}}}""".formatted(REQUEST_ID, model,
                TokenCounter.o200k().count("The user wants 2+2. "))));
        // Bedrock does not count reasoning tokens; the estimate (as LiteLLM's) is a positive subset of the output.
        assertThat(res.usage().reasoningTokens()).isBetween(1, 90);
    }

    @Test
    void should_use_adaptive_thinking_with_an_effort_on_claude_4_6() {
        stubJson("/model/global.anthropic.claude-opus-4-6-v1/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(ChatRequest.builder().model("bedrock/global.anthropic.claude-opus-4-6-v1").addUser("Hi").reasoningEffort("minimal").maxTokens(2000).build());

        assertSentJson("""
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}],
                 "inferenceConfig":{"maxTokens":2000},
                 "additionalModelRequestFields":{"thinking":{"type":"adaptive"},"output_config":{"effort":"low"}}}""");
    }

    @Test
    void should_pass_an_explicit_thinking_object_and_other_extras_through() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").maxTokens(5000)
                .extra("thinking", Map.of("type", "enabled", "budget_tokens", 1500))
                .extra("anthropic_beta", List.of("computer-use-2025-01-24"))
                .extra("guardrailConfig", Map.of("guardrailIdentifier", "gr-1", "guardrailVersion", "1"))
                .extra("performanceConfig", Map.of("latency", "optimized"))
                .build());

        assertSentJson("""
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}],
                 "inferenceConfig":{"maxTokens":5000},
                 "guardrailConfig":{"guardrailIdentifier":"gr-1","guardrailVersion":"1"},
                 "performanceConfig":{"latency":"optimized"},
                 "additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":1500},"anthropic_beta":["computer-use-2025-01-24"]}}""");
    }

    @Test
    void should_echo_thinking_blocks_first_in_later_assistant_turns() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));

        llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL)
                .addUser("2+2?")
                .message(ChatMessage.AssistantMessage.builder().content("4").reasoningContent("The user wants 2+2.")
                        .thinkingBlocks(List.of(ThinkingBlock.thinking("The user wants 2+2.", "sig=="), ThinkingBlock.redacted("cmVk")))
                        .build())
                .addUser("and 3+3?")
                .build());

        assertSentJson("""
                {"messages":[
                  {"role":"user","content":[{"text":"2+2?"}]},
                  {"role":"assistant","content":[
                    {"reasoningContent":{"reasoningText":{"text":"The user wants 2+2.","signature":"sig=="}}},
                    {"reasoningContent":{"redactedContent":"cmVk"}},
                    {"text":"4"}]},
                  {"role":"user","content":[{"text":"and 3+3?"}]}]}""");
    }

    @Test
    void should_reject_a_remote_image_url_without_calling_bedrock() {
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL)
                        .message(ChatMessage.user(ContentPart.imageUrl("https://example.com/cat.png"))).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Bedrock does not fetch media URLs")
                .satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(400));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_reject_unsupported_media_types_and_file_ids() {
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL)
                        .message(ChatMessage.user(ContentPart.imageUrl("data:image/bmp;base64,Qk0="))).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("image/bmp");
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL)
                        .message(ChatMessage.user(new ContentPart.File(new ContentPart.File.FileRef("file-abc", null, null)))).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("file ids");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_reject_an_unknown_reasoning_effort() {
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0")
                        .addUser("Hi").reasoningEffort("extreme").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("reasoning_effort \"extreme\"");
    }

    @Test
    void should_authorize_with_a_bedrock_api_key_from_the_environment() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));
        try (Llmux client = client(Map.of(), Map.of("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-123"))) {
            client.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build());
        }
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer bedrock-api-key-123");
        assertThat(sent.containsHeader("X-Amz-Date")).isFalse();
    }

    @Test
    void should_take_credentials_session_token_and_region_from_the_environment() {
        stubJson(MODEL_PATH + "/converse", 200, BedrockFixtures.text("converse-text.json"));
        try (Llmux client = client(Map.of(), Map.of("AWS_ACCESS_KEY_ID", "ASIAENV", "AWS_SECRET_ACCESS_KEY", "envsecret",
                "AWS_SESSION_TOKEN", "envtoken", "AWS_DEFAULT_REGION", "eu-central-1"))) {
            client.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build());
        }
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getHeader("X-Amz-Security-Token")).isEqualTo("envtoken");
        assertThat(sent.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=ASIAENV/20240101/eu-central-1/bedrock/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=");
    }

    @Test
    void should_fail_clearly_without_credentials_and_never_show_secrets() {
        try (Llmux client = client(Map.of(), Map.of())) {
            assertThatThrownBy(() -> client.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("aws_access_key_id")
                    .hasMessageContaining("AWS_BEARER_TOKEN_BEDROCK");
        }
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build()))
                .isInstanceOf(dev.llmux.error.NotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wJalrXUtnFEMI"));
    }

    @ParameterizedTest
    @CsvSource({"end_turn,stop", "stop_sequence,stop", "max_tokens,length", "model_context_window_exceeded,length", "tool_use,tool_calls",
            "guardrail_intervened,content_filter", "content_filtered,content_filter"})
    void should_map_stop_reasons(String stopReason, String finishReason) {
        stubJson(MODEL_PATH + "/converse", 200, """
                {"output":{"message":{"role":"assistant","content":[{"text":"x"}]}},"stopReason":"%s",
                 "usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}}""".formatted(stopReason));

        ChatResponse res = llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build());

        assertThat(res.finishReason().value()).isEqualTo(finishReason);
    }

    @ParameterizedTest
    @CsvSource({"malformed_model_output", "malformed_tool_use"})
    void should_fail_on_malformed_output_stop_reasons(String stopReason) {
        stubJson(MODEL_PATH + "/converse", 200, """
                {"output":{"message":{"role":"assistant","content":[]}},"stopReason":"%s","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}}"""
                .formatted(stopReason));

        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build()))
                .isInstanceOf(BadGatewayException.class)
                .hasMessageContaining(stopReason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"output\":", "[1,2]", "{\"stopReason\":\"end_turn\"}", "{\"output\":{\"message\":{\"content\":[]}}}"})
    void should_report_a_malformed_body_as_bad_gateway(String body) {
        stubJson(MODEL_PATH + "/converse", 200, body);

        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build()))
                .isInstanceOf(BadGatewayException.class)
                .satisfies(e -> assertThat(((BadGatewayException) e).status()).isEqualTo(502));
    }

    @Test
    void should_declare_supported_params_by_model_family() {
        BedrockProvider p = new BedrockProvider();
        assertThat(p.supportedParams(MODEL)).contains("tools", "tool_choice", "response_format", "temperature", "stop").doesNotContain("reasoning_effort", "seed", "n");
        assertThat(p.supportedParams("converse/" + MODEL)).isEqualTo(p.supportedParams(MODEL));
        assertThat(p.supportedParams("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).contains("reasoning_effort");
        assertThat(p.supportedParams("amazon.nova-pro-v1:0")).contains("tools", "tool_choice").doesNotContain("reasoning_effort");
        assertThat(p.supportedParams("meta.llama3-1-70b-instruct-v1:0")).contains("tools").doesNotContain("tool_choice");
        assertThat(p.supportedParams("amazon.titan-text-express-v1")).doesNotContain("tools");
    }

    @Test
    void should_turn_a_tool_call_written_as_json_text_into_a_tool_call() {
        stubJson("/model/meta.llama3-1-70b-instruct-v1%3A0/converse", 200, """
                {"output":{"message":{"role":"assistant","content":[{"text":" {\\"type\\":\\"function\\",\\"name\\":\\"get_weather\\",\\"parameters\\":{\\"location\\":\\"Paris\\"}}"}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":5,"outputTokens":9,"totalTokens":14}}""");

        ChatResponse res = llmux.chat(ChatRequest.builder().model("bedrock/meta.llama3-1-70b-instruct-v1:0").addUser("Weather in Paris?")
                .tool(Tool.function("get_weather", null, WEATHER_SCHEMA)).build());

        assertThat(res.text()).isNull();
        assertThat(res.finishReason().value()).isEqualTo("tool_calls");
        assertThat(res.message().toolCallsOrEmpty()).singleElement().satisfies(call -> {
            assertThat(call.id()).matches("call_[0-9a-f]{32}");
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call.arguments()).isEqualTo("{\"location\":\"Paris\"}");
        });
    }

    @Test
    void should_leave_json_text_alone_when_it_names_no_declared_tool() {
        stubJson(MODEL_PATH + "/converse", 200, """
                {"output":{"message":{"role":"assistant","content":[{"text":"{\\"type\\":\\"function\\",\\"name\\":\\"other\\",\\"parameters\\":{}}"}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":5,"outputTokens":9,"totalTokens":14}}""");

        ChatResponse res = llmux.chat(ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").tool(Tool.function("get_weather", null, WEATHER_SCHEMA)).build());

        assertThat(res.text()).isEqualTo("{\"type\":\"function\",\"name\":\"other\",\"parameters\":{}}");
        assertThat(res.message().toolCalls()).isNull();
    }

    @Test
    void should_reject_the_invoke_route() {
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("bedrock/invoke/" + MODEL).addUser("Hi").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Invoke API");
    }

    private static ChatRequest.Builder toolHistory() {
        return ChatRequest.builder().model("bedrock/" + MODEL)
                .addUser("Weather?")
                .message(ChatMessage.AssistantMessage.builder().content("Checking.")
                        .toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"location\":\"Paris\"}"))).build())
                .message(ChatMessage.tool("call_1", "18C"));
    }
}
