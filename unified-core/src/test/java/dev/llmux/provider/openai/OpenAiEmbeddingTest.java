package dev.llmux.provider.openai;

import static dev.llmux.provider.openai.WireMockLlmux.fixture;
import static dev.llmux.provider.openai.WireMockLlmux.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmux.Llmux;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.internal.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiEmbeddingTest {

    private final WireMockLlmux wm = new WireMockLlmux();
    private final Llmux llmux = wm.client("openai", Map.of("api_base", wm.baseUrl() + "/v1", "api_key", "sk-test"), Map.of());

    @AfterEach
    void stop() {
        llmux.close();
        wm.close();
    }

    @Test
    void should_send_the_request_exactly_and_read_float_vectors() {
        wm.stub("/v1/embeddings", json(200, fixture("embeddings/float.json")));
        EmbeddingResponse res = llmux.embed(new EmbeddingRequest("openai/text-embedding-3-small",
                EmbeddingRequest.Input.texts(List.of("hello", "world")), "float", 3, "u1", Map.of()));
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"text-embedding-3-small","input":["hello","world"],"encoding_format":"float","dimensions":3,"user":"u1"}"""));
        assertThat(wm.lastRequest().getHeader("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(res.data()).hasSize(2);
        assertThat(res.data().get(0).embedding()).containsExactly(0.0023064255f, -0.009327292f, 0.015797347f);
        assertThat(res.data().get(1).index()).isEqualTo(1);
        assertThat(res.model()).isEqualTo("text-embedding-3-small");
        assertThat(res.usage()).isEqualTo(new EmbeddingResponse.EmbeddingUsage(8, 8));
    }

    @Test
    void should_decode_base64_vectors_as_little_endian_float32() {
        wm.stub("/v1/embeddings", json(200, fixture("embeddings/base64.json")));
        EmbeddingResponse res = llmux.embed(new EmbeddingRequest("openai/text-embedding-3-small", EmbeddingRequest.Input.text("hi"),
                "base64", null, null, Map.of()));
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"text-embedding-3-small","input":"hi","encoding_format":"base64"}"""));
        assertThat(res.data().get(0).embedding()).containsExactly(0.5f, -1.25f, 3.0f);
    }

    @Test
    void should_reject_a_base64_vector_that_is_not_whole_floats() {
        wm.stub("/v1/embeddings", json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":\"AAAAAAA=\"}],\"model\":\"m\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}"));
        assertThatThrownBy(() -> llmux.embed(EmbeddingRequest.of("openai/text-embedding-3-small", "x")))
                .isInstanceOf(BadGatewayException.class)
                .hasMessageContaining("float32");
    }

    @Test
    void should_map_embedding_errors() {
        wm.stub("/v1/embeddings", json(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens, however you requested 9000 tokens\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));
        assertThat(catchThrowableOfType(() -> llmux.embed(EmbeddingRequest.of("openai/text-embedding-3-small", "x")), BadRequestException.class))
                .isInstanceOf(dev.llmux.error.ContextWindowExceededException.class);
    }
}
