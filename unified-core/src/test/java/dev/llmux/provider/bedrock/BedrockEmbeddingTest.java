package dev.llmux.provider.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.internal.json.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockEmbeddingTest extends BedrockTestBase {

    static final String TITAN_PATH = "/model/amazon.titan-embed-text-v2%3A0/invoke";
    static final String COHERE_PATH = "/model/cohere.embed-english-v3/invoke";

    @Test
    void should_embed_each_text_with_titan_in_order_and_sum_usage() {
        titan("first", "[0.1,0.2]", 3);
        titan("second", "[0.3,0.4]", 4);

        EmbeddingResponse res = llmux.embed(new EmbeddingRequest("bedrock/amazon.titan-embed-text-v2:0",
                EmbeddingRequest.Input.texts(List.of("first", "second")), null, 2, null, Map.of()));

        List<LoggedRequest> sent = wm.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(2);
        assertThat(sent.stream().map(r -> Json.tree(r.getBody())).sorted(Comparator.comparing(Object::toString)).toList())
                .containsExactly(Json.tree("{\"inputText\":\"first\",\"dimensions\":2}"), Json.tree("{\"inputText\":\"second\",\"dimensions\":2}"));
        assertThat(sent).allSatisfy(r -> assertThat(r.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/"));
        assertThat(tree(res)).isEqualTo(Json.tree("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]},{"object":"embedding","index":1,"embedding":[0.3,0.4]}],
                 "model":"amazon.titan-embed-text-v2:0","usage":{"prompt_tokens":7,"total_tokens":7}}"""));
    }

    @Test
    void should_embed_a_batch_with_cohere_and_read_usage_from_the_header() {
        wm.stubFor(post(urlPathEqualTo(COHERE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amzn-Bedrock-Input-Token-Count", "9")
                .withBody("{\"embeddings\":[[0.5,0.6],[0.7,0.8]],\"id\":\"e-1\",\"response_type\":\"embeddings_floats\",\"texts\":[\"a\",\"b\"]}")));

        EmbeddingResponse res = llmux.embed(new EmbeddingRequest("bedrock/cohere.embed-english-v3",
                EmbeddingRequest.Input.texts(List.of("a", "b")), null, null, null, Map.of("input_type", "search_query", "truncate", "END")));

        assertThat(Json.tree(onlyRequest().getBody())).isEqualTo(Json.tree("{\"texts\":[\"a\",\"b\"],\"input_type\":\"search_query\",\"truncate\":\"END\"}"));
        assertThat(tree(res)).isEqualTo(Json.tree("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,0.6]},{"object":"embedding","index":1,"embedding":[0.7,0.8]}],
                 "model":"cohere.embed-english-v3","usage":{"prompt_tokens":9,"total_tokens":9}}"""));
    }

    @Test
    void should_default_the_cohere_input_type_and_read_typed_embeddings() {
        wm.stubFor(post(urlPathEqualTo("/model/cohere.embed-v4%3A0/invoke")).willReturn(aResponse().withStatus(200)
                .withBody("{\"embeddings\":{\"float\":[[1.0,2.0]]},\"id\":\"e-2\",\"response_type\":\"embeddings_by_type\"}")));

        EmbeddingResponse res = llmux.embed(EmbeddingRequest.of("bedrock/cohere.embed-v4:0", "hello"));

        assertThat(Json.tree(onlyRequest().getBody())).isEqualTo(Json.tree("{\"texts\":[\"hello\"],\"input_type\":\"search_document\"}"));
        assertThat(res.data().get(0).embedding()).containsExactly(1.0f, 2.0f);
        assertThat(res.usage().promptTokens()).isZero();
    }

    @Test
    void should_reject_what_bedrock_embeddings_cannot_do() {
        assertThatThrownBy(() -> llmux.embed(EmbeddingRequest.of("bedrock/amazon.nova-pro-v1:0", "x")))
                .isInstanceOf(UnsupportedParamsException.class)
                .hasMessageContaining("amazon.titan-embed");
        assertThatThrownBy(() -> llmux.embed(new EmbeddingRequest("bedrock/amazon.titan-embed-text-v2:0",
                        new EmbeddingRequest.Input(List.of(), List.of(List.of(1, 2)), true), null, null, null, Map.of())))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("token arrays");
        assertThatThrownBy(() -> llmux.embed(new EmbeddingRequest("bedrock/amazon.titan-embed-text-v1",
                        EmbeddingRequest.Input.text("x"), null, 256, null, Map.of())))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("dimensions");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_map_errors_and_malformed_embedding_answers() {
        wm.stubFor(post(urlPathEqualTo(TITAN_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("x-amzn-ErrorType", "ThrottlingException").withBody("{\"message\":\"Too many requests\"}")));
        assertThatThrownBy(() -> llmux.embed(EmbeddingRequest.of("bedrock/amazon.titan-embed-text-v2:0", "x")))
                .isInstanceOf(RateLimitException.class);

        wm.stubFor(post(urlPathEqualTo(TITAN_PATH)).willReturn(aResponse().withStatus(200).withBody("{\"embedding\":\"nope\"}")));
        assertThatThrownBy(() -> llmux.embed(EmbeddingRequest.of("bedrock/amazon.titan-embed-text-v2:0", "x")))
                .isInstanceOf(BadGatewayException.class);

        wm.stubFor(post(urlPathEqualTo(COHERE_PATH)).willReturn(aResponse().withStatus(200).withBody("{\"embeddings\":[[0.1]]}")));
        assertThatThrownBy(() -> llmux.embed(EmbeddingRequest.of("bedrock/cohere.embed-english-v3", "a", "b")))
                .isInstanceOf(BadGatewayException.class)
                .hasMessageContaining("1 embeddings for 2 texts");
    }

    private void titan(String text, String vector, int tokens) {
        wm.stubFor(post(urlPathEqualTo(TITAN_PATH)).withRequestBody(matchingJsonPath("$.inputText", equalTo(text)))
                .willReturn(aResponse().withStatus(200).withBody("{\"embedding\":" + vector + ",\"inputTextTokenCount\":" + tokens + "}")));
    }
}
