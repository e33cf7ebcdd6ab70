package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.gateway.support.TestGateway;
import dev.llmux.internal.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/messages} driven by the official Anthropic Java SDK, unchanged. */
class AnthropicMessagesTest {

    private final TestGateway gw = TestGateway.shared();

    private AnthropicClient client(String key) {
        return AnthropicOkHttpClient.builder().baseUrl(gw.baseUrl()).apiKey(key).maxRetries(0).build();
    }

    @Test
    void should_answer_an_anthropic_message() {
        Message m = client(TestGateway.MASTER_KEY).messages().create(MessageCreateParams.builder()
                .model("fake/echo").maxTokens(100).system("be brief").addUserMessage("hi claude").build());

        assertThat(m.content()).singleElement().satisfies(b -> assertThat(b.asText().text()).isEqualTo("echo: hi claude"));
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.model().asString()).isEqualTo("fake/echo");
        // 10 prompt tokens of which 4 cache reads: Anthropic counts input without them
        assertThat(m.usage().inputTokens()).isEqualTo(6);
        assertThat(m.usage().cacheReadInputTokens()).contains(4L);
        assertThat(m.usage().outputTokens()).isEqualTo(5);
        ChatRequest sent = gw.provider.received.get(gw.provider.received.size() - 1);
        assertThat(sent.messages()).hasSize(2);
        assertThat(sent.messages().get(0)).isInstanceOf(ChatMessage.SystemMessage.class);
        assertThat(sent.maxTokens()).isEqualTo(100);
    }

    @Test
    void should_translate_tools_both_ways() {
        Message m = client(TestGateway.MASTER_KEY).messages().create(MessageCreateParams.builder()
                .model("fake/echo").maxTokens(100).addUserMessage("weather?")
                .addTool(Tool.builder().name("get_weather").description("weather in a city")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
                        .build())
                .build());

        ToolUseBlock use = m.content().get(0).asToolUse();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use.id()).isEqualTo("call_1");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Cape Town"));
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        ChatRequest sent = gw.provider.received.get(gw.provider.received.size() - 1);
        assertThat(sent.tools()).singleElement().satisfies(t -> {
            assertThat(t.function().name()).isEqualTo("get_weather");
            assertThat(t.function().parameters()).containsEntry("type", "object");
        });
    }

    @Test
    void should_translate_a_tool_result_turn_into_a_tool_message() {
        String body = """
                {"model":"fake/echo","max_tokens":50,"messages":[
                  {"role":"user","content":"weather?"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},{"type":"text","text":"and now?"}]}
                ]}""";

        HttpResponse<String> r = gw.post("/v1/messages", TestGateway.MASTER_KEY, body);

        assertThat(r.statusCode()).isEqualTo(200);
        ChatRequest sent = gw.provider.received.get(gw.provider.received.size() - 1);
        assertThat(sent.messages()).hasSize(4);
        ChatMessage.AssistantMessage a = (ChatMessage.AssistantMessage) sent.messages().get(1);
        assertThat(a.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("toolu_1");
            assertThat(Json.tree(c.function().arguments())).isEqualTo(Json.tree("{\"city\":\"Paris\"}"));
        });
        ChatMessage.ToolMessage t = (ChatMessage.ToolMessage) sent.messages().get(2);
        assertThat(t.toolCallId()).isEqualTo("toolu_1");
        assertThat(t.content().text()).isEqualTo("sunny");
        assertThat(((ChatMessage.UserMessage) sent.messages().get(3)).content().text()).isEqualTo("and now?");
        JsonNode answer = Json.tree(r.body());
        assertThat(answer.get("content").get(0).get("text").asString()).isEqualTo("echo: and now?");
    }

    @Test
    void should_stream_anthropic_events() {
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> s = client(TestGateway.MASTER_KEY).messages().createStreaming(
                MessageCreateParams.builder().model("fake/echo").maxTokens(100).addUserMessage("stream me").build())) {
            s.stream().forEach(events::add);
        }

        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(1).isContentBlockStart()).isTrue();
        StringBuilder text = new StringBuilder();
        events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)
                .forEach(e -> text.append(e.asContentBlockDelta().delta().asText().text()));
        assertThat(text).hasToString("echo: stream me");
        RawMessageStreamEvent delta = events.get(events.size() - 2);
        assertThat(delta.asMessageDelta().delta().stopReason()).contains(StopReason.END_TURN);
        assertThat(delta.asMessageDelta().usage().outputTokens()).isEqualTo(5);
        assertThat(delta.asMessageDelta().usage().inputTokens()).contains(6L);
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockStop)).hasSize(1);
    }

    @Test
    void should_refuse_a_bad_key_with_the_sdks_authentication_exception() {
        assertThatThrownBy(() -> client("sk-wrong-key-00000000000000").messages().create(MessageCreateParams.builder()
                .model("fake/echo").maxTokens(10).addUserMessage("x").build()))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void should_refuse_an_unknown_model_with_the_sdks_not_found_exception() {
        assertThatThrownBy(() -> client(TestGateway.MASTER_KEY).messages().create(MessageCreateParams.builder()
                .model("nope/x").maxTokens(10).addUserMessage("x").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope/x");
    }

    @Test
    void should_answer_anthropic_shaped_errors_for_a_missing_max_tokens() {
        HttpResponse<String> r = gw.post("/v1/messages", TestGateway.MASTER_KEY,
                "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.tree(r.body())).isEqualTo(Json.tree(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"}}"));
    }

    @Test
    void should_pass_a_provider_rate_limit_on_with_its_retry_after_in_anthropic_shape() {
        HttpResponse<String> r = gw.post("/v1/messages", TestGateway.MASTER_KEY,
                "{\"model\":\"fake/ratelimited\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).contains("7");
        assertThat(r.headers().firstValue("x-llmux-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req-"));
        assertThat(Json.tree(r.body()).get("error").get("type").asString()).isEqualTo("rate_limit_error");
    }
}
