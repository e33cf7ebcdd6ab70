package dev.llmux.provider.openai;

import static dev.llmux.provider.openai.WireMockLlmux.fixture;
import static dev.llmux.provider.openai.WireMockLlmux.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import dev.llmux.Llmux;
import dev.llmux.api.ChatRequest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fixtures are checked, not trusted: every response and chunk the OpenAI-family stubs serve must parse as the official
 * OpenAI Java SDK's types, and the request body llmux sends must parse (and validate) as the SDK's request body.
 */
class OpenAiSdkFixtureTest {

    private static final JsonMapper SDK = ObjectMappers.jsonMapper();

    static Stream<String> fixtures(String suffix) throws IOException, URISyntaxException {
        Path root = Path.of(OpenAiSdkFixtureTest.class.getResource("/fixtures/openai").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(suffix)).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList().stream();
        }
    }

    static Stream<String> chatFixtures() throws Exception {
        return fixtures(".json").filter(f -> !f.startsWith("embeddings/") && !f.contains("error"));
    }

    static Stream<String> streamFixtures() throws Exception {
        return fixtures(".sse");
    }

    @ParameterizedTest
    @MethodSource("chatFixtures")
    void should_parse_every_chat_fixture_as_the_sdk_chat_completion(String path) throws Exception {
        String json = fixture(path);
        ChatCompletion completion = SDK.readValue(json, ChatCompletion.class);
        checkValid(path, json, completion::validate);
        assertThat(completion.choices()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("streamFixtures")
    void should_parse_every_stream_chunk_as_the_sdk_chunk(String path) throws Exception {
        List<String> data = WireMockLlmux.sseData(fixture(path)).stream().filter(d -> !d.startsWith("{\"error\"")).toList();
        assertThat(data).isNotEmpty();
        for (String d : data) {
            ChatCompletionChunk chunk = SDK.readValue(d, ChatCompletionChunk.class);
            if (d.contains("\"object\":\"\"")) {
                // Azure's real first chunk (prompt filter results) has empty id/model/object, which the SDK's strict
                // validation rejects; only Azure fixtures may carry it.
                assertThat(path).startsWith("azure/");
                continue;
            }
            checkValid(path, d, chunk::validate);
        }
    }

    /**
     * Fixtures of compatible providers may carry a finish reason OpenAI does not define (the deviation llmux maps);
     * the SDK must then reject exactly that value, and accept everything else.
     */
    private static void checkValid(String path, String json, org.assertj.core.api.ThrowableAssert.ThrowingCallable validate) {
        String deviation = NON_OPENAI_FINISH_REASONS.stream().filter(f -> json.contains("\"finish_reason\":\"" + f + "\"")
                || json.contains("\"finish_reason\": \"" + f + "\"")).findFirst().orElse(null);
        if (deviation == null) {
            assertThatCode(validate).as("%s: %s", path, json).doesNotThrowAnyException();
        } else {
            assertThat(path).startsWith("compat/");
            assertThatThrownBy(validate).hasMessageContaining("Unknown FinishReason: " + deviation);
        }
    }

    private static final List<String> NON_OPENAI_FINISH_REASONS = List.of("model_length", "insufficient_system_resource", "error");

    @ParameterizedTest
    @MethodSource("embeddingFixtures")
    void should_parse_every_embedding_fixture_as_the_sdk_response(String path) throws Exception {
        CreateEmbeddingResponse response = SDK.readValue(fixture(path), CreateEmbeddingResponse.class);
        assertThat(response.data()).isNotEmpty();
    }

    static Stream<String> embeddingFixtures() throws Exception {
        return fixtures(".json").filter(f -> f.startsWith("embeddings/"));
    }

    @Test
    void should_send_a_request_body_the_sdk_accepts() throws Exception {
        try (WireMockLlmux wm = new WireMockLlmux();
                Llmux llmux = wm.client("openai", Map.of("api_base", wm.baseUrl() + "/v1", "api_key", "k"), Map.of())) {
            wm.stub("/v1/chat/completions", json(200, fixture("chat/tool-calls.json")));
            ChatRequest everyField = OpenAiChatTest.everyField();
            llmux.chat(everyField);
            String sent = wm.lastRequest().getBodyAsString();
            ChatCompletionCreateParams.Body body = SDK.readValue(sent, ChatCompletionCreateParams.Body.class);
            assertThatCode(body::validate).doesNotThrowAnyException();
            assertThat(body.model().asString()).isEqualTo("gpt-4o");
            assertThat(body.messages()).hasSize(5);
            assertThat(body.tools()).hasValueSatisfying(t -> assertThat(t).hasSize(1));
            assertThat(body.seed()).contains(42L);
        }
    }
}
