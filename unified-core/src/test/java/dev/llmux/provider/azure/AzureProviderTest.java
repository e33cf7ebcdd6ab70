package dev.llmux.provider.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmux.provider.openai.WireMockLlmux.fixture;
import static dev.llmux.provider.openai.WireMockLlmux.json;
import static dev.llmux.provider.openai.WireMockLlmux.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.FinishReason;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.RateLimitException;
import dev.llmux.internal.json.Json;
import dev.llmux.provider.openai.WireMockLlmux;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureProviderTest {

    private static final String CHAT_PATH = "/openai/deployments/my-gpt4o/chat/completions";

    private final WireMockLlmux wm = new WireMockLlmux();

    @AfterEach
    void stop() {
        wm.close();
    }

    private Llmux client() {
        return wm.client("azure", Map.of("api_base", wm.baseUrl(), "api_key", "azure-key", "api_version", "2025-04-01-preview"), Map.of());
    }

    @Test
    void should_call_the_deployment_url_with_api_version_and_api_key_header() {
        wm.stub(CHAT_PATH, json(200, fixture("azure/chat.json")));
        try (Llmux llmux = client()) {
            llmux.chat(ChatRequest.builder().model("azure/my-gpt4o").addUser("hi").temperature(0.5).build());
        }
        wm.server.verify(postRequestedFor(urlEqualTo(CHAT_PATH + "?api-version=2025-04-01-preview"))
                .withHeader("api-key", equalTo("azure-key")));
        assertThat(wm.lastRequest().containsHeader("Authorization")).isFalse();
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"my-gpt4o","messages":[{"role":"user","content":"hi"}],"temperature":0.5}"""));
    }

    @Test
    void should_read_base_key_and_version_from_the_azure_environment_with_a_default_version() {
        wm.stub(CHAT_PATH, json(200, fixture("azure/chat.json")));
        try (Llmux llmux = wm.client("azure", Map.of(), Map.of("AZURE_API_BASE", wm.baseUrl() + "/", "AZURE_API_KEY", "env-key"))) {
            llmux.chat("azure/my-gpt4o", ChatMessage.user("hi"));
        }
        wm.server.verify(postRequestedFor(urlEqualTo(CHAT_PATH + "?api-version=" + AzureProvider.DEFAULT_API_VERSION))
                .withHeader("api-key", equalTo("env-key")));
    }

    @Test
    void should_send_an_entra_token_as_bearer_when_there_is_no_key() {
        wm.stub(CHAT_PATH, json(200, fixture("azure/chat.json")));
        try (Llmux llmux = wm.client("azure", Map.of("api_base", wm.baseUrl(), "azure_ad_token", "eyJ0eXAi"), Map.of())) {
            llmux.chat("azure/my-gpt4o", ChatMessage.user("hi"));
        }
        assertThat(wm.lastRequest().getHeader("Authorization")).isEqualTo("Bearer eyJ0eXAi");
        assertThat(wm.lastRequest().containsHeader("api-key")).isFalse();
    }

    @Test
    void should_use_the_v1_api_without_api_version_when_the_base_ends_in_openai_v1() {
        wm.stub("/openai/v1/chat/completions", json(200, fixture("azure/chat.json")));
        try (Llmux llmux = wm.client("azure", Map.of("api_base", wm.baseUrl() + "/openai/v1", "api_key", "k"), Map.of())) {
            llmux.chat("azure/my-gpt4o", ChatMessage.user("hi"));
        }
        wm.server.verify(postRequestedFor(urlEqualTo("/openai/v1/chat/completions")));
        assertThat(wm.lastBody().get("model").asString()).isEqualTo("my-gpt4o");
    }

    @Test
    void should_fail_clearly_without_credentials_or_base() {
        try (Llmux llmux = wm.client("azure", Map.of("api_base", wm.baseUrl()), Map.of())) {
            assertThatThrownBy(() -> llmux.chat("azure/d", ChatMessage.user("hi")))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("AZURE_API_KEY").hasMessageContaining("azure_ad_token");
        }
        try (Llmux llmux = wm.client("azure", Map.of("api_key", "k"), Map.of())) {
            assertThatThrownBy(() -> llmux.chat("azure/d", ChatMessage.user("hi")))
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("AZURE_API_BASE");
        }
        assertThat(wm.requests()).isEmpty();
    }

    @Test
    void should_keep_prompt_and_choice_content_filter_results() {
        wm.stub(CHAT_PATH, json(200, fixture("azure/chat.json")));
        ChatResponse res;
        try (Llmux llmux = client()) {
            res = llmux.chat("azure/my-gpt4o", ChatMessage.user("hi"));
        }
        assertThat(res.text()).isEqualTo("Hello from Azure.");
        assertThat(Json.valueToTree(res.extra().get("prompt_filter_results")))
                .isEqualTo(Json.tree(fixture("azure/chat.json")).get("prompt_filter_results"));
        assertThat(Json.valueToTree(res.choices().get(0).extra().get("content_filter_results")))
                .isEqualTo(Json.tree(fixture("azure/chat.json")).get("choices").get(0).get("content_filter_results"));
    }

    @Test
    void should_return_finish_reason_content_filter_with_the_filter_results() {
        wm.stub(CHAT_PATH, json(200, fixture("azure/content-filtered.json")));
        ChatResponse res;
        try (Llmux llmux = client()) {
            res = llmux.chat("azure/my-gpt4o", ChatMessage.user("hi"));
        }
        assertThat(res.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(Json.valueToTree(res.choices().get(0).extra())).isEqualTo(Json.tree("""
                {"content_filter_results":{"violence":{"filtered":true,"severity":"high"}}}"""));
    }

    @Test
    void should_skip_the_empty_first_chunk_and_carry_its_prompt_filter_results_on_the_next() {
        wm.stub(CHAT_PATH, sse(fixture("azure/stream.sse")));
        List<ChatChunk> chunks;
        try (Llmux llmux = client()) {
            chunks = llmux.stream(ChatRequest.builder().model("azure/my-gpt4o").addUser("hi").build()).collectList().block(Duration.ofSeconds(5));
        }
        assertThat(wm.lastBody().get("stream_options")).isEqualTo(Json.tree("{\"include_usage\":true}"));
        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(0).id()).isEqualTo("chatcmpl-AZ3");
        assertThat(chunks.get(0).extra()).containsKey("prompt_filter_results");
        assertThat(chunks.get(1).text()).isEqualTo("Hello");
        assertThat(chunks.get(1).choices().get(0).extra()).containsKey("content_filter_results");
        assertThat(chunks.get(2).choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(chunks.get(3).choices()).isEmpty();
        assertThat(chunks.get(3).usage().totalTokens()).isEqualTo(10);
    }

    @Test
    void should_map_a_prompt_blocked_by_the_content_filter_to_a_content_policy_violation() {
        wm.stub(CHAT_PATH, json(400, """
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
                  "type":null,"param":"prompt","code":"content_filter","status":400,
                  "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{
                    "hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},
                    "self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":true,"severity":"high"},
                    "violence":{"filtered":false,"severity":"safe"}}}}}"""));
        try (Llmux llmux = client()) {
            ContentPolicyViolationException e = catchThrowableOfType(() -> llmux.chat("azure/my-gpt4o", ChatMessage.user("x")),
                    ContentPolicyViolationException.class);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.details().errorCode()).isEqualTo("content_filter/ResponsibleAIPolicyViolation");
            assertThat(e.details().param()).isEqualTo("prompt");
        }
    }

    @Test
    void should_map_azures_429_with_a_string_code_and_retry_after() {
        wm.stub(CHAT_PATH, json(429, """
                {"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds."}}""")
                .withHeader("retry-after", "6").withHeader("x-ratelimit-remaining-tokens", "0"));
        try (Llmux llmux = client()) {
            RateLimitException e = catchThrowableOfType(() -> llmux.chat("azure/my-gpt4o", ChatMessage.user("x")), RateLimitException.class);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(6));
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.details().header("x-ratelimit-remaining-tokens")).isEqualTo("0");
        }
    }

    @Test
    void should_map_deployment_not_found() {
        wm.stub(CHAT_PATH, json(404, """
                {"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}"""));
        try (Llmux llmux = client()) {
            assertThat(catchThrowableOfType(() -> llmux.chat("azure/my-gpt4o", ChatMessage.user("x")), NotFoundException.class))
                    .hasMessageContaining("deployment");
        }
    }

    @Test
    void should_embed_through_the_deployment_embeddings_url() {
        wm.stub("/openai/deployments/emb/embeddings", json(200, fixture("embeddings/float.json")));
        try (Llmux llmux = client()) {
            assertThat(llmux.embed(EmbeddingRequest.of("azure/emb", "a", "b")).data()).hasSize(2);
        }
        wm.server.verify(postRequestedFor(urlEqualTo("/openai/deployments/emb/embeddings?api-version=2025-04-01-preview"))
                .withHeader("api-key", equalTo("azure-key")));
    }
}
