package dev.llmux.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmux.provider.gemini.GeminiFixtures.json;
import static dev.llmux.provider.gemini.GeminiFixtures.onlyRequestBody;
import static dev.llmux.provider.gemini.GeminiFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmux.Llmux;
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
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeminiChatTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Llmux llmux;

    @BeforeEach
    void setUp() {
        llmux = Llmux.builder()
                .clock(GeminiFixtures.CLOCK)
                .env(name -> null)
                .settings("gemini", ProviderSettings.of(Map.of("api_key", "test-gemini-key", "api_base", wm.baseUrl())))
                .build();
    }

    @AfterEach
    void tearDown() {
        llmux.close();
    }

    private static void stub(String model, String fixture) {
        wm.stubFor(post(urlEqualTo("/v1beta/models/" + model + ":generateContent")).willReturn(json(200, fixture)));
    }

    @Test
    void should_send_contents_system_instruction_and_generation_config_and_map_text_answer() {
        stub("gemini-2.5-flash", "text-response.json");
        ChatRequest req = ChatRequest.builder().model("gemini/gemini-2.5-flash")
                .addSystem("You are terse.")
                .message(ChatMessage.developer("Answer in English."))
                .addUser("Capital of France?")
                .message(ChatMessage.assistant("Let me think."))
                .message(ChatMessage.assistant("Paris?"))
                .addUser("Say it properly.")
                .temperature(0.7).topP(0.9).maxTokens(100).stop(List.of("END")).seed(42L)
                .presencePenalty(0.5).frequencyPenalty(-0.5)
                .extra("top_k", 40)
                .extra("safety_settings", List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_ONLY_HIGH")))
                .build();

        ChatResponse res = llmux.chat(req);

        wm.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .withHeader("x-goog-api-key", equalTo("test-gemini-key"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(onlyRequestBody(wm)).isEqualTo(tree("""
                {"contents":[
                  {"role":"user","parts":[{"text":"Capital of France?"}]},
                  {"role":"model","parts":[{"text":"Let me think."},{"text":"Paris?"}]},
                  {"role":"user","parts":[{"text":"Say it properly."}]}],
                 "systemInstruction":{"parts":[{"text":"You are terse."},{"text":"Answer in English."}]},
                 "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_ONLY_HIGH"}],
                 "generationConfig":{"temperature":0.7,"topP":0.9,"topK":40,"maxOutputTokens":100,"stopSequences":["END"],
                   "seed":42,"presencePenalty":0.5,"frequencyPenalty":-0.5}}"""));
        assertThat(Json.tree(Json.write(res))).isEqualTo(tree("""
                {"id":"resp-text-1","object":"chat.completion","created":%d,"model":"gemini-2.5-flash",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""".formatted(GeminiFixtures.NOW.getEpochSecond())));
    }

    @Test
    void should_map_function_calls_with_thought_signature_in_id_and_thoughts_as_reasoning() {
        stub("gemini-3-pro-preview", "function-call-response.json");

        ChatResponse res = llmux.chat(ChatRequest.builder().model("gemini/gemini-3-pro-preview").addUser("Weather in Paris and Rome?")
                .tool(Tool.function("get_weather", "Current weather", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))))
                .build());

        List<ToolCall> calls = res.message().toolCallsOrEmpty();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).id()).matches("call_[A-Za-z0-9]{24}__thought__c2lnLWNhbGwtMQ==");
        assertThat(calls.get(1).id()).matches("call_[A-Za-z0-9]{24}").isNotEqualTo(calls.get(0).id());
        String json = Json.writeString(res).replace(calls.get(0).id(), "ID0").replace(calls.get(1).id(), "ID1");
        assertThat(tree(json)).isEqualTo(tree("""
                {"id":"resp-call-1","object":"chat.completion","created":%d,"model":"gemini-3-pro-preview",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,
                   "tool_calls":[{"id":"ID0","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"c\\"}"}},
                                 {"id":"ID1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}],
                   "reasoning_content":"The user wants weather for two cities.",
                   "thinking_blocks":[{"type":"thinking","thinking":"The user wants weather for two cities."}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":110,"total_tokens":230,
                   "prompt_tokens_details":{"cached_tokens":100},"completion_tokens_details":{"reasoning_tokens":96}}}"""
                .formatted(GeminiFixtures.NOW.getEpochSecond())));
    }

    @Test
    void should_send_tool_loop_history_with_names_from_ids_and_signatures_echoed() {
        stub("gemini-3-pro-preview", "text-response.json");
        String signedId = "call_abc__thought__c2lnLWNhbGwtMQ==";
        ChatMessage.AssistantMessage calls = ChatMessage.AssistantMessage.builder()
                .toolCalls(List.of(ToolCall.function(signedId, "get_weather", "{\"city\":\"Paris\"}"),
                        ToolCall.function("call_def", "get_time", "{}")))
                .reasoningContent("thinking")
                .build();
        ChatRequest req = ChatRequest.builder().model("gemini/gemini-3-pro-preview")
                .addUser("Weather and time in Paris?")
                .message(calls)
                .message(ChatMessage.tool(signedId, "{\"tempC\":18}"))
                .message(ChatMessage.tool("call_def", "14:05"))
                .message(ChatMessage.AssistantMessage.builder().content("18°C at 14:05.")
                        .thinkingBlocks(List.of(ThinkingBlock.thinking("", "c2lnLXRleHQ="))).build())
                .addUser("Thanks")
                .tool(Tool.function("get_weather", null, Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))))
                .tool(Tool.function("get_time", "Local time", Map.of("type", "object", "properties", Map.of())))
                .toolChoice(ToolChoice.AUTO)
                .build();

        llmux.chat(req);

        assertThat(onlyRequestBody(wm)).isEqualTo(tree("""
                {"contents":[
                  {"role":"user","parts":[{"text":"Weather and time in Paris?"}]},
                  {"role":"model","parts":[
                    {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnLWNhbGwtMQ=="},
                    {"functionCall":{"name":"get_time","args":{}}}]},
                  {"role":"user","parts":[
                    {"functionResponse":{"name":"get_weather","response":{"output":{"tempC":18}}}},
                    {"functionResponse":{"name":"get_time","response":{"output":"14:05"}}}]},
                  {"role":"model","parts":[{"text":"18°C at 14:05.","thoughtSignature":"c2lnLXRleHQ="}]},
                  {"role":"user","parts":[{"text":"Thanks"}]}],
                 "tools":[{"functionDeclarations":[
                   {"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}},
                   {"name":"get_time","description":"Local time"}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}}}"""));
    }

    @Test
    void should_round_trip_a_response_into_the_next_request_unchanged() {
        stub("gemini-3-pro-preview", "function-call-response.json");
        ChatRequest first = ChatRequest.builder().model("gemini/gemini-3-pro-preview").addUser("Weather in Paris and Rome?").build();
        ChatResponse res = llmux.chat(first);
        // The assistant message goes back through JSON, as through any OpenAI-shaped client or gateway.
        ChatMessage.AssistantMessage echoed = Json.read(Json.write(res.message()), ChatMessage.AssistantMessage.class);
        List<ToolCall> calls = echoed.toolCallsOrEmpty();
        wm.resetRequests();
        stub("gemini-3-pro-preview", "text-response.json");

        llmux.chat(first.toBuilder().message(echoed)
                .message(ChatMessage.tool(calls.get(0).id(), "sunny"))
                .message(ChatMessage.tool(calls.get(1).id(), "rainy"))
                .build());

        assertThat(onlyRequestBody(wm).get("contents")).isEqualTo(tree("""
                [{"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
                 {"role":"model","parts":[
                   {"functionCall":{"name":"get_weather","args":{"city":"Paris","unit":"c"}},"thoughtSignature":"c2lnLWNhbGwtMQ=="},
                   {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},
                 {"role":"user","parts":[
                   {"functionResponse":{"name":"get_weather","response":{"output":"sunny"}}},
                   {"functionResponse":{"name":"get_weather","response":{"output":"rainy"}}}]}]"""));
    }

    @Test
    void should_echo_text_signature_and_keep_reasoning_from_thinking_response() {
        stub("gemini-3-flash-preview", "thinking-response.json");

        ChatResponse res = llmux.chat(ChatRequest.builder().model("gemini/gemini-3-flash-preview").addUser("2+2?").reasoningEffort("low").build());

        assertThat(onlyRequestBody(wm)).isEqualTo(tree("""
                {"contents":[{"role":"user","parts":[{"text":"2+2?"}]}],
                 "generationConfig":{"thinkingConfig":{"thinkingLevel":"LOW","includeThoughts":true}}}"""));
        assertThat(Json.tree(Json.write(res.message()))).isEqualTo(tree("""
                {"role":"assistant","content":"The answer is 4.","reasoning_content":"Adding the numbers.",
                 "thinking_blocks":[{"type":"thinking","thinking":"Adding the numbers."},{"type":"thinking","thinking":"","signature":"c2lnLXRleHQ="}]}"""));
        assertThat(res.usage().completionTokens()).isEqualTo(36);
        assertThat(res.usage().reasoningTokens()).isEqualTo(30);
    }

    @Test
    void should_map_two_candidates_and_length_finish() {
        stub("gemini-2.5-flash", "two-candidates-response.json");

        ChatResponse res = llmux.chat(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Flip").n(2).build());

        assertThat(onlyRequestBody(wm).get("generationConfig")).isEqualTo(tree("{\"candidateCount\":2}"));
        assertThat(res.choices()).extracting(c -> c.index() + ":" + c.message().text() + ":" + c.finishReason())
                .containsExactly("0:Heads:stop", "1:Tails, and then:length");
    }

    @Test
    void should_map_safety_finish_to_content_filter() {
        stub("gemini-2.5-flash", "safety-response.json");

        ChatResponse res = llmux.chat(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("something").build());

        assertThat(res.finishReason().value()).isEqualTo("content_filter");
        assertThat(res.message().content()).isNull();
        assertThat(res.usage().promptTokens()).isEqualTo(9);
    }

    @Test
    void should_send_images_audio_and_files_as_inline_or_file_data() {
        stub("gemini-2.5-flash", "text-response.json");
        ChatRequest req = ChatRequest.builder().model("gemini/gemini-2.5-flash")
                .message(new ChatMessage.UserMessage(Content.of(
                        ContentPart.text("Compare these"),
                        ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo="),
                        ContentPart.imageUrl("gs://bucket/cat.webp"),
                        ContentPart.imageUrl("https://example.com/dog.JPG?size=large"),
                        new ContentPart.InputAudio(new ContentPart.InputAudio.Audio("UklGRg==", "wav")),
                        new ContentPart.File(new ContentPart.File.FileRef(null, "data:application/pdf;base64,JVBERi0=", "a.pdf")),
                        new ContentPart.File(new ContentPart.File.FileRef("gs://bucket/report.pdf", null, null))), null, null))
                .build();

        llmux.chat(req);

        assertThat(onlyRequestBody(wm).get("contents")).isEqualTo(tree("""
                [{"role":"user","parts":[
                  {"text":"Compare these"},
                  {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
                  {"fileData":{"mimeType":"image/webp","fileUri":"gs://bucket/cat.webp"}},
                  {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/dog.JPG?size=large"}},
                  {"inlineData":{"mimeType":"audio/wav","data":"UklGRg=="}},
                  {"inlineData":{"mimeType":"application/pdf","data":"JVBERi0="}},
                  {"fileData":{"mimeType":"application/pdf","fileUri":"gs://bucket/report.pdf"}}]}]"""));
    }

    @Test
    void should_clean_tool_schemas_and_force_a_named_function() {
        stub("gemini-2.5-flash", "text-response.json");
        Map<String, Object> params = Json.toMap(tree("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
                 "properties":{
                   "city":{"type":"string","description":"City name","minLength":1},
                   "unit":{"type":["string","null"],"enum":["c","f"]},
                   "when":{"anyOf":[{"type":"string","format":"date-time"},{"type":"null"}]},
                   "mode":{"const":"fast"},
                   "home":{"$ref":"#/$defs/Place"},
                   "tags":{"type":"array","items":{"type":"string","format":"uri"},"maxItems":3}},
                 "required":["city"],
                 "$defs":{"Place":{"type":"object","properties":{"lat":{"type":"number"}},"additionalProperties":false}}}"""));
        ChatRequest req = ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Weather?")
                .tool(new Tool("function", new Tool.Function("get_weather", "Weather", params, true), null))
                .toolChoice(ToolChoice.function("get_weather"))
                .build();

        llmux.chat(req);

        assertThat(onlyRequestBody(wm).get("tools")).isEqualTo(tree("""
                [{"functionDeclarations":[{"name":"get_weather","description":"Weather","parameters":
                  {"type":"OBJECT","properties":{
                     "city":{"type":"STRING","description":"City name","minLength":1},
                     "unit":{"type":"STRING","nullable":true,"enum":["c","f"]},
                     "when":{"nullable":true,"type":"STRING","format":"date-time"},
                     "mode":{"enum":["fast"]},
                     "home":{"type":"OBJECT","properties":{"lat":{"type":"NUMBER"}}},
                     "tags":{"type":"ARRAY","items":{"type":"STRING"},"maxItems":3}},
                   "required":["city"]}}]}]"""));
        assertThat(onlyRequestBody(wm).get("toolConfig")).isEqualTo(tree("""
                {"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}"""));
    }

    @Test
    void should_map_response_formats_per_model_family() {
        Map<String, Object> schema = Json.toMap(tree("""
                {"type":"object","properties":{"b":{"type":"integer"},"a":{"type":"string"}},"required":["a"],"additionalProperties":false}"""));
        stub("gemini-2.5-flash", "text-response.json");
        stub("gemini-1.5-pro", "text-response.json");

        llmux.chat(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("x")
                .responseFormat(ResponseFormat.jsonSchema("answer", schema, true)).build());
        assertThat(onlyRequestBody(wm).get("generationConfig")).isEqualTo(tree("""
                {"responseMimeType":"application/json","responseJsonSchema":
                  {"type":"object","properties":{"b":{"type":"integer"},"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}"""));
        wm.resetRequests();

        llmux.chat(ChatRequest.builder().model("gemini/gemini-1.5-pro").addUser("x")
                .responseFormat(ResponseFormat.jsonSchema("answer", schema, true)).build());
        assertThat(onlyRequestBody(wm).get("generationConfig")).isEqualTo(tree("""
                {"responseMimeType":"application/json","responseSchema":
                  {"type":"OBJECT","properties":{"b":{"type":"INTEGER"},"a":{"type":"STRING"}},"propertyOrdering":["b","a"],"required":["a"]}}"""));
        wm.resetRequests();

        llmux.chat(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("x").responseFormat(ResponseFormat.JSON_OBJECT).build());
        assertThat(onlyRequestBody(wm).get("generationConfig")).isEqualTo(tree("{\"responseMimeType\":\"application/json\"}"));
    }

    @Test
    void should_map_reasoning_effort_to_budget_or_level_per_family() {
        stub("gemini-2.5-flash", "text-response.json");
        stub("gemini-2.5-pro", "text-response.json");
        stub("gemini-3-pro-preview", "text-response.json");

        assertThat(thinkingConfig("gemini-2.5-flash", "medium")).isEqualTo(tree("{\"thinkingBudget\":2048,\"includeThoughts\":true}"));
        assertThat(thinkingConfig("gemini-2.5-flash", "none")).isEqualTo(tree("{\"thinkingBudget\":0,\"includeThoughts\":false}"));
        assertThat(thinkingConfig("gemini-2.5-pro", "none")).isEqualTo(tree("{\"thinkingBudget\":128,\"includeThoughts\":false}"));
        assertThat(thinkingConfig("gemini-3-pro-preview", "medium")).isEqualTo(tree("{\"thinkingLevel\":\"HIGH\",\"includeThoughts\":true}"));
        assertThat(thinkingConfig("gemini-3-pro-preview", "minimal")).isEqualTo(tree("{\"thinkingLevel\":\"LOW\",\"includeThoughts\":true}"));
    }

    @Test
    void should_request_and_map_logprobs() {
        stub("gemini-2.5-flash", "logprobs-response.json");

        ChatResponse res = llmux.chat(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Greet").logprobs(true).topLogprobs(2)
                .extra("response_modalities", List.of("TEXT")).build());

        assertThat(onlyRequestBody(wm).get("generationConfig")).isEqualTo(tree("""
                {"responseLogprobs":true,"logprobs":2,"responseModalities":["TEXT"]}"""));
        assertThat(Json.valueToTree(res.choices().get(0).logprobs())).isEqualTo(tree("""
                {"content":[
                  {"token":"Hi","logprob":-0.01,"bytes":[72,105],"top_logprobs":[
                    {"token":"Hi","logprob":-0.01,"bytes":[72,105]},{"token":"Hello","logprob":-4.5,"bytes":[72,101,108,108,111]}]},
                  {"token":"!","logprob":-0.09,"bytes":[33],"top_logprobs":[{"token":"!","logprob":-0.09,"bytes":[33]}]}]}"""));
    }

    private tools.jackson.databind.JsonNode thinkingConfig(String model, String effort) {
        wm.resetRequests();
        llmux.chat(ChatRequest.builder().model("gemini/" + model).addUser("x").reasoningEffort(effort).build());
        return onlyRequestBody(wm).get("generationConfig").get("thinkingConfig");
    }
}
