package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.llmux.api.ChatRequest;
import dev.llmux.gateway.support.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, unchanged, against the running gateway. */
class OpenAiSdkTest {

    private final TestGateway gw = TestGateway.shared();

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gw.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    @Test
    void should_answer_a_chat_completion() {
        ChatCompletion c = client(TestGateway.MASTER_KEY).chat().completions().create(ask("fake/echo", "hello there").build());

        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().get(0).message().content()).contains("echo: hello there");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(c.usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isEqualTo(10);
            assertThat(u.completionTokens()).isEqualTo(5);
            assertThat(u.promptTokensDetails().flatMap(d -> d.cachedTokens())).contains(4L);
        });
    }

    @Test
    void should_stream_without_the_usage_chunk_when_the_client_did_not_ask() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client(TestGateway.MASTER_KEY).chat().completions()
                .createStreaming(ask("fake/echo", "streamed").build())) {
            s.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        assertThat(text).hasToString("echo: streamed");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.choices()).isNotEmpty();
            assertThat(c.usage()).isEmpty();
        });
        assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void should_stream_the_usage_chunk_when_the_client_asked_for_it() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client(TestGateway.MASTER_KEY).chat().completions().createStreaming(
                ask("fake/echo", "count me").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            s.stream().forEach(chunks::add);
        }

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(15));
    }

    @Test
    void should_pass_tools_and_return_tool_calls() {
        ChatCompletion c = client(TestGateway.MASTER_KEY).chat().completions().create(ask("fake/echo", "weather?")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                        .description("weather in a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build()).build())
                .build());

        List<ChatCompletionMessageToolCall> calls = c.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
        assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Cape Town\"}");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatRequest sent = gw.provider.received.get(gw.provider.received.size() - 1);
        assertThat(sent.tools()).singleElement().satisfies(t -> assertThat(t.function().name()).isEqualTo("get_weather"));
    }

    @Test
    void should_pass_a_json_schema_response_format() {
        ChatCompletion c = client(TestGateway.MASTER_KEY).chat().completions().create(ask("fake/echo", "the answer?")
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("answer").strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("answer", Map.of("type", "integer"))))
                                .build())
                        .build()).build())
                .build());

        assertThat(c.choices().get(0).message().content()).contains("{\"answer\":42}");
        ChatRequest sent = gw.provider.received.get(gw.provider.received.size() - 1);
        assertThat(sent.responseFormat().type()).isEqualTo("json_schema");
        assertThat(sent.responseFormat().jsonSchema().name()).isEqualTo("answer");
        assertThat(sent.responseFormat().jsonSchema().strict()).isTrue();
    }

    @Test
    void should_embed() {
        CreateEmbeddingResponse r = client(TestGateway.MASTER_KEY).embeddings().create(EmbeddingCreateParams.builder()
                .model("fake/embed").inputOfArrayOfStrings(List.of("a", "b")).build());

        assertThat(r.data()).hasSize(2);
        assertThat(r.data().get(1).embedding()).containsExactly(0.25f, -0.5f, 1f);
        assertThat(r.usage().promptTokens()).isEqualTo(3);
    }

    @Test
    void should_list_the_models_a_key_may_use() {
        String key = gw.generateKey(Map.of("models", List.of("fake/echo", "fake/embed"), "aliases", Map.of("my-gpt", "fake/echo")))
                .get("key").asString();

        List<String> ids = client(key).models().list().data().stream().map(Model::id).toList();

        assertThat(ids).containsExactly("fake/echo", "fake/embed", "my-gpt");
        assertThat(client(TestGateway.MASTER_KEY).models().list().data()).hasSizeGreaterThan(3);
    }

    @Test
    void should_fail_with_the_sdks_unauthorized_exception_on_a_bad_key() {
        assertThatThrownBy(() -> client("sk-not-a-real-key-0000000000").chat().completions().create(ask("fake/echo", "x").build()))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("invalid API key");
    }

    @Test
    void should_fail_with_the_sdks_not_found_exception_on_an_unknown_model() {
        assertThatThrownBy(() -> client(TestGateway.MASTER_KEY).chat().completions().create(ask("nope/model", "x").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope/model");
    }

    @Test
    void should_fail_with_the_sdks_permission_exception_outside_the_allow_list() {
        String key = gw.generateKey(Map.of("models", List.of("fake/embed"))).get("key").asString();

        assertThatThrownBy(() -> client(key).chat().completions().create(ask("fake/echo", "x").build()))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("not allowed to call model \"fake/echo\"");
    }

    @Test
    void should_fail_with_the_sdks_rate_limit_exception_when_the_budget_is_spent() {
        String key = gw.generateKey(Map.of("max_budget", 0.00003)).get("key").asString();
        OpenAIClient c = client(key);
        // the first reservation (8 prompt tokens estimated + 10 max tokens = 0.000028) fits; its answer costs 0.00002,
        // after which a second reservation would pass the budget of 0.00003
        c.chat().completions().create(ask("fake/echo", "1").maxCompletionTokens(10).build());

        assertThatThrownBy(() -> c.chat().completions().create(ask("fake/echo", "2").maxCompletionTokens(10).build()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("Budget has been exceeded");
    }

    @Test
    void should_fail_with_the_sdks_rate_limit_exception_past_the_rpm_limit() {
        String key = gw.generateKey(Map.of("rpm_limit", 2)).get("key").asString();
        OpenAIClient c = client(key);
        c.chat().completions().create(ask("fake/echo", "1").build());
        c.chat().completions().create(ask("fake/echo", "2").build());

        assertThatThrownBy(() -> c.chat().completions().create(ask("fake/echo", "3").build()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("rpm limit of 2");
    }

    @Test
    void should_pass_a_provider_rate_limit_on_with_its_retry_after() {
        assertThatThrownBy(() -> client(TestGateway.MASTER_KEY).chat().completions().create(ask("fake/ratelimited", "x").build()))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("7"));
    }

}
