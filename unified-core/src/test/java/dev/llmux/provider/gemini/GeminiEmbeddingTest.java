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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmux.Llmux;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.RateLimitException;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeminiEmbeddingTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Llmux llmux;

    @BeforeEach
    void setUp() {
        llmux = Llmux.builder().env(n -> null)
                .settings("gemini", ProviderSettings.of(Map.of("api_key", "embed-key", "api_base", wm.baseUrl()))).build();
    }

    @AfterEach
    void tearDown() {
        llmux.close();
    }

    @Test
    void should_embed_one_text_through_embed_content() {
        wm.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent")).willReturn(json(200, "embed-content-response.json")));

        EmbeddingResponse res = llmux.embed(new EmbeddingRequest("gemini/gemini-embedding-001", EmbeddingRequest.Input.text("hello"),
                null, 3, null, Map.of("task_type", "RETRIEVAL_QUERY")));

        wm.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent")).withHeader("x-goog-api-key", equalTo("embed-key")));
        assertThat(onlyRequestBody(wm)).isEqualTo(tree("""
                {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"hello"}]},"taskType":"RETRIEVAL_QUERY","outputDimensionality":3}"""));
        assertThat(Json.tree(Json.write(res))).isEqualTo(tree("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.013,-0.008,0.25]}],"model":"gemini-embedding-001"}"""));
    }

    @Test
    void should_embed_several_texts_through_batch_embed_contents() {
        wm.stubFor(post(urlEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents")).willReturn(json(200, "batch-embed-response.json")));

        EmbeddingResponse res = llmux.embed(EmbeddingRequest.of("gemini/text-embedding-004", "a", "b"));

        assertThat(onlyRequestBody(wm)).isEqualTo(tree("""
                {"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"a"}]}},
                             {"model":"models/text-embedding-004","content":{"parts":[{"text":"b"}]}}]}"""));
        assertThat(res.data()).extracting(EmbeddingResponse.Embedding::index).containsExactly(0, 1);
        assertThat(res.data().get(1).embedding()).containsExactly(-1.0f, 0.125f);
    }

    @Test
    void should_refuse_token_arrays_and_map_errors() {
        BadRequestException tokens = catchThrowableOfType(BadRequestException.class, () -> llmux.embed(new EmbeddingRequest(
                "gemini/text-embedding-004", new EmbeddingRequest.Input(List.of(), List.of(List.of(1, 2)), true), null, null, null, Map.of())));
        assertThat(tokens).hasMessageContaining("text only");

        wm.stubFor(post(urlEqualTo("/v1beta/models/text-embedding-004:embedContent")).willReturn(json(429, "error-429-retry.json")));
        assertThat(catchThrowableOfType(RateLimitException.class, () -> llmux.embed(EmbeddingRequest.of("gemini/text-embedding-004", "a"))))
                .isNotNull();
    }
}
