package dev.llmux.provider.compat;

import static dev.llmux.provider.openai.WireMockLlmux.fixture;
import static dev.llmux.provider.openai.WireMockLlmux.json;
import static dev.llmux.provider.openai.WireMockLlmux.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.internal.json.Json;
import dev.llmux.provider.openai.WireMockLlmux;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class CompatProviderTest {

    private final WireMockLlmux wm = new WireMockLlmux();

    @AfterEach
    void stop() {
        wm.close();
    }

    private Llmux client(String provider, Map<String, String> settings) {
        Map<String, String> s = new java.util.HashMap<>(settings);
        s.putIfAbsent("api_base", wm.baseUrl() + "/v1");
        s.putIfAbsent("api_key", "key-" + provider);
        return wm.client(provider, s, Map.of());
    }

    private static Tool weatherTool() {
        return Tool.function("get_weather", null, Map.of("type", "object"));
    }

    // ---- Mistral ----

    @Test
    void should_rewrite_mistral_tool_choice_seed_and_max_completion_tokens_and_omit_stream_options() {
        wm.stub("/v1/chat/completions", sse("data: {\"id\":\"m1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mistral-large-latest\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\ndata: [DONE]\n\n"));
        List<ChatChunk> chunks;
        try (Llmux llmux = client("mistral", Map.of())) {
            chunks = llmux.stream(ChatRequest.builder().model("mistral/mistral-large-latest").addUser("weather?")
                    .tool(weatherTool()).toolChoice(ToolChoice.REQUIRED).seed(7L).maxCompletionTokens(64).build())
                    .collectList().block(Duration.ofSeconds(5));
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"mistral-large-latest","messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                 "tool_choice":"any","max_tokens":64,"random_seed":7,"stream":true}"""));
        assertThat(wm.lastRequest().getHeader("Authorization")).isEqualTo("Bearer key-mistral");
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).choices()).isEmpty();
        assertThat(chunks.get(1).usage().totalTokens()).isEqualTo(6);
    }

    @Test
    void should_read_mistral_model_length_as_length_and_object_arguments_as_a_json_string() {
        wm.stub("/v1/chat/completions", json(200, fixture("compat/mistral-chat.json")));
        ChatResponse res;
        try (Llmux llmux = client("mistral", Map.of())) {
            res = llmux.chat("mistral/mistral-large-latest", ChatMessage.user("weather in Paris?"));
        }
        assertThat(res.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(res.message().toolCallsOrEmpty()).containsExactly(ToolCall.function("D681PevKs", "get_weather", "{\"city\":\"Paris\"}"));
    }

    @Test
    void should_name_mistrals_unsupported_params_and_drop_them_when_asked() {
        wm.stub("/v1/chat/completions", json(200, fixture("compat/mistral-chat.json")));
        ChatRequest req = ChatRequest.builder().model("mistral/mistral-small-latest").addUser("hi")
                .logitBias(Map.of("1", 5)).temperature(0.1).build();
        try (Llmux llmux = client("mistral", Map.of())) {
            assertThatThrownBy(() -> llmux.chat(req))
                    .isInstanceOf(UnsupportedParamsException.class)
                    .hasMessageContaining("logit_bias")
                    .hasMessageContaining("mistral");
            assertThat(wm.requests()).isEmpty();
            llmux.chat(req, CallOptions.defaults().withDropParams(true));
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"mistral-small-latest","messages":[{"role":"user","content":"hi"}],"temperature":0.1}"""));
    }

    // ---- Groq ----

    @Test
    void should_reject_groqs_unsupported_params_naming_each_one() {
        try (Llmux llmux = client("groq", Map.of())) {
            assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("groq/llama-3.3-70b-versatile").addUser("hi")
                    .logprobs(true).topLogprobs(2).logitBias(Map.of("1", 1)).build()))
                    .isInstanceOf(UnsupportedParamsException.class)
                    .hasMessageContaining("logprobs").hasMessageContaining("top_logprobs").hasMessageContaining("logit_bias");
        }
        assertThat(wm.requests()).isEmpty();
    }

    @Test
    void should_drop_groqs_unsupported_params_with_drop_params_on_the_client_and_named_ones_with_additional_drop_params() {
        wm.stub("/openai/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = Llmux.builder().dropParams(true).env(Map.of("GROQ_API_KEY", "gsk", "GROQ_API_BASE", wm.baseUrl() + "/openai/v1")::get).build()) {
            llmux.chat(ChatRequest.builder().model("groq/llama-3.3-70b-versatile")
                    .message(new ChatMessage.UserMessage(dev.llmux.api.Content.of("hi"), "alice", null))
                    .logprobs(true).topLogprobs(2).temperature(0.3).topP(0.5).build(),
                    CallOptions.defaults().withAdditionalDropParams(Set.of("top_p")));
        }
        // logprobs/top_logprobs dropped as unsupported, top_p dropped by name, messages[].name left out for Groq
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"llama-3.3-70b-versatile","messages":[{"role":"user","content":"hi"}],"temperature":0.3}"""));
        assertThat(wm.lastRequest().getHeader("Authorization")).isEqualTo("Bearer gsk");
    }

    @Test
    void should_reject_more_than_one_choice_on_groq() {
        try (Llmux llmux = client("groq", Map.of())) {
            assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("groq/llama-3.3-70b-versatile").addUser("hi").n(2).build()))
                    .isInstanceOf(UnsupportedParamsException.class).hasMessageContaining("n=2");
        }
    }

    @Test
    void should_take_groq_stream_usage_from_x_groq_and_reasoning_as_reasoning_content() {
        wm.stub("/v1/chat/completions", sse(fixture("compat/groq-stream.sse")));
        List<ChatChunk> chunks;
        try (Llmux llmux = client("groq", Map.of())) {
            chunks = llmux.stream(ChatRequest.builder().model("groq/llama-3.3-70b-versatile").addUser("hi")
                    .extra("reasoning_format", "parsed").build()).collectList().block(Duration.ofSeconds(5));
        }
        assertThat(wm.lastBody().get("reasoning_format").asString()).isEqualTo("parsed");
        assertThat(chunks).hasSize(5);
        assertThat(chunks.get(1).choices().get(0).delta().reasoningContent()).isEqualTo("Let me think.");
        assertThat(chunks.get(2).text()).isEqualTo("Fast!");
        assertThat(chunks.get(4).choices()).isEmpty();
        assertThat(chunks.get(4).usage().promptTokens()).isEqualTo(12);
        assertThat(chunks.get(4).usage().completionTokens()).isEqualTo(3);
    }

    // ---- OpenRouter ----

    @Test
    void should_send_openrouter_attribution_headers_and_keep_cost_and_reasoning() {
        wm.stub("/v1/chat/completions", json(200, fixture("compat/openrouter-chat.json")));
        ChatResponse res;
        try (Llmux llmux = client("openrouter", Map.of("http_referer", "https://llmux.dev", "x_title", "llmux demo"))) {
            res = llmux.chat("openrouter/openai/gpt-4o-mini", ChatMessage.user("hi"));
        }
        assertThat(wm.lastRequest().getHeader("HTTP-Referer")).isEqualTo("https://llmux.dev");
        assertThat(wm.lastRequest().getHeader("X-Title")).isEqualTo("llmux demo");
        assertThat(wm.lastBody().get("model").asString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(res.usage().cost()).isEqualByComparingTo(new BigDecimal("0.0000030"));
        assertThat(res.message().reasoningContent()).isEqualTo("Greet back.");
        assertThat(res.extra()).containsEntry("provider", "OpenAI");
    }

    @Test
    void should_skip_openrouter_processing_comments_and_keep_usage_cost_in_the_stream() {
        wm.stub("/v1/chat/completions", sse(fixture("compat/openrouter-stream.sse")));
        List<ChatChunk> chunks;
        try (Llmux llmux = client("openrouter", Map.of())) {
            chunks = llmux.stream(ChatRequest.builder().model("openrouter/anthropic/claude-sonnet-4.5").addUser("hi").build())
                    .collectList().block(Duration.ofSeconds(5));
        }
        assertThat(wm.lastRequest().containsHeader("HTTP-Referer")).isFalse();
        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(0).choices().get(0).delta().reasoningContent()).isEqualTo("Thinking about it.");
        assertThat(chunks.get(1).text()).isEqualTo("Bonjour");
        assertThat(chunks.get(3).usage().cost()).isEqualByComparingTo(new BigDecimal("0.000195"));
        assertThat(chunks.get(3).usage().reasoningTokens()).isEqualTo(4);
    }

    @Test
    void should_fail_an_openrouter_stream_that_errors_after_generation_started() {
        wm.stub("/v1/chat/completions", sse("""
                data: {"id":"gen-9","object":"chat.completion.chunk","created":1,"model":"x/y","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

                data: {"id":"gen-9","object":"chat.completion.chunk","created":1,"model":"x/y","error":{"code":502,"message":"Upstream provider went away"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}

                data: [DONE]

                """));
        try (Llmux llmux = client("openrouter", Map.of())) {
            StepVerifier.create(llmux.stream(ChatRequest.builder().model("openrouter/x/y").addUser("hi").build()))
                    .expectNextCount(1)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.llmux.error.BadGatewayException.class)
                            .hasMessageContaining("Upstream provider went away"))
                    .verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void should_treat_an_openrouter_finish_reason_error_without_details_as_a_failure() {
        wm.stub("/v1/chat/completions", json(200, """
                {"id":"gen-10","object":"chat.completion","created":1,"model":"x/y","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"error"}]}"""));
        try (Llmux llmux = client("openrouter", Map.of())) {
            assertThatThrownBy(() -> llmux.chat("openrouter/x/y", ChatMessage.user("hi"))).isInstanceOf(InternalServerException.class);
        }
    }

    // ---- DeepSeek ----

    @Test
    void should_echo_deepseek_reasoning_content_in_history_and_read_it_back() {
        wm.stub("/v1/chat/completions", json(200, fixture("compat/deepseek-chat.json")));
        ChatResponse res;
        try (Llmux llmux = client("deepseek", Map.of())) {
            res = llmux.chat(ChatRequest.builder().model("deepseek/deepseek-reasoner")
                    .addUser("what is 6x7?")
                    .message(ChatMessage.AssistantMessage.builder().reasoningContent("call the calculator")
                            .toolCalls(List.of(ToolCall.function("call_1", "mul", "{\"a\":6,\"b\":7}"))).build())
                    .message(ChatMessage.tool("call_1", "42"))
                    .tool(Tool.function("mul", null, Map.of("type", "object")))
                    .build());
        }
        assertThat(wm.lastBody().get("messages").get(1)).isEqualTo(Json.tree("""
                {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"mul","arguments":"{\\"a\\":6,\\"b\\":7}"}}],
                 "reasoning_content":"call the calculator"}"""));
        assertThat(res.message().reasoningContent()).isEqualTo("6 times 7 is 42.");
        assertThat(res.text()).isEqualTo("The answer is 42.");
        assertThat(res.usage().cachedTokens()).isEqualTo(16);
        assertThat(res.usage().reasoningTokens()).isEqualTo(24);
    }

    @Test
    void should_turn_deepseek_insufficient_system_resource_into_a_retryable_503() {
        wm.stub("/v1/chat/completions", sse(fixture("compat/deepseek-stream.sse")));
        try (Llmux llmux = client("deepseek", Map.of())) {
            StepVerifier.create(llmux.stream(ChatRequest.builder().model("deepseek/deepseek-reasoner").addUser("hi").build()))
                    .assertNext(c -> assertThat(c.choices().get(0).delta().role()).isEqualTo("assistant"))
                    .assertNext(c -> assertThat(c.choices().get(0).delta().reasoningContent()).isEqualTo("Hmm"))
                    .assertNext(c -> assertThat(c.text()).isEqualTo("Partial"))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(ServiceUnavailableException.class);
                        assertThat(((ServiceUnavailableException) e).isRetryable()).isTrue();
                        assertThat(((ServiceUnavailableException) e).status()).isEqualTo(503);
                    })
                    .verify(Duration.ofSeconds(5));
        }
    }

    // ---- Perplexity ----

    @Test
    void should_call_perplexity_without_v1_and_keep_citations() {
        assertThat(CompatPresets.find("perplexity").orElseThrow().baseUrl()).isEqualTo("https://api.perplexity.ai");
        wm.stub("/chat/completions", json(200, fixture("compat/perplexity-chat.json")));
        ChatResponse res;
        try (Llmux llmux = client("perplexity", Map.of("api_base", wm.baseUrl()))) {
            res = llmux.chat(ChatRequest.builder().model("perplexity/sonar").addUser("capital of France?")
                    .extra("search_recency_filter", "month").build());
        }
        assertThat(wm.lastBody().get("search_recency_filter").asString()).isEqualTo("month");
        assertThat(res.extra().get("citations")).isEqualTo(List.of("https://en.wikipedia.org/wiki/Paris", "https://www.paris.fr"));
        assertThat(res.extra()).containsKey("search_results");
    }

    @Test
    void should_not_offer_tools_on_perplexity() {
        try (Llmux llmux = client("perplexity", Map.of())) {
            assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("perplexity/sonar").addUser("x").tool(weatherTool()).build()))
                    .isInstanceOf(UnsupportedParamsException.class).hasMessageContaining("tools");
        }
    }

    // ---- the table ----

    @Test
    void should_register_every_preset_through_the_service_loader() {
        List<String> required = List.of("groq", "together_ai", "mistral", "deepseek", "openrouter", "xai", "fireworks_ai", "perplexity",
                "cerebras", "hosted_vllm", "lm_studio", "nvidia_nim", "huggingface", "deepinfra");
        assertThat(CompatPresets.ALL).extracting(CompatPreset::id).containsAll(required);
        for (String id : required) {
            wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
            try (Llmux llmux = client(id, Map.of())) {
                assertThat(llmux.chat(id + "/some-model", ChatMessage.user("hi")).callInfo().provider()).isEqualTo(id);
            }
        }
    }

    @Test
    void should_require_api_base_for_hosted_vllm_and_send_no_key_when_none_is_set() {
        try (Llmux llmux = wm.client("hosted_vllm", Map.of(), Map.of())) {
            assertThatThrownBy(() -> llmux.chat("hosted_vllm/meta-llama/Llama-3.1-8B-Instruct", ChatMessage.user("hi")))
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("HOSTED_VLLM_API_BASE");
        }
        wm.stub("/v1/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = wm.client("hosted_vllm", Map.of("api_base", wm.baseUrl() + "/v1"), Map.of())) {
            llmux.chat("hosted_vllm/meta-llama/Llama-3.1-8B-Instruct", ChatMessage.user("hi"));
        }
        assertThat(wm.lastRequest().containsHeader("Authorization")).isFalse();
        assertThat(wm.lastBody().get("model").asString()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    void should_refuse_penalties_and_stop_only_for_xai_reasoning_models() {
        OpenAiCompatibleProvider xai = new OpenAiCompatibleProvider(CompatPresets.find("xai").orElseThrow());
        assertThat(xai.supportedParams("grok-4-fast")).doesNotContain("presence_penalty", "frequency_penalty", "stop").contains("temperature");
        assertThat(xai.supportedParams("grok-3-mini")).doesNotContain("stop");
        assertThat(xai.supportedParams("grok-3")).contains("presence_penalty", "frequency_penalty", "stop");
    }

    @Test
    void should_let_a_caller_register_a_preset_of_their_own_with_its_own_auth_header() {
        CompatPreset sarvam = CompatPreset.builder("my_gateway")
                .baseUrl(wm.baseUrl() + "/api").apiKeyEnv("MY_GATEWAY_KEY").auth("api-subscription-key", "")
                .unsupported("logit_bias").quirks(Quirk.MAX_COMPLETION_TOKENS_AS_MAX_TOKENS).build();
        wm.stub("/api/chat/completions", json(200, fixture("chat/json-schema.json")));
        try (Llmux llmux = Llmux.builder().provider(new OpenAiCompatibleProvider(sarvam)).env(Map.of("MY_GATEWAY_KEY", "sub-1")::get).build()) {
            llmux.chat(ChatRequest.builder().model("my_gateway/m1").addUser("hi").maxCompletionTokens(9).build());
            assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("my_gateway/m1").addUser("hi").logitBias(Map.of("1", 1)).build()))
                    .isInstanceOf(UnsupportedParamsException.class);
        }
        assertThat(wm.lastRequest().getHeader("api-subscription-key")).isEqualTo("sub-1");
        assertThat(wm.lastRequest().containsHeader("Authorization")).isFalse();
        assertThat(wm.lastBody()).isEqualTo(Json.tree("{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":9}"));
    }

    @Test
    void should_embed_through_presets_that_offer_embeddings_and_refuse_on_the_others() {
        wm.stub("/v1/embeddings", json(200, fixture("embeddings/float.json")));
        try (Llmux llmux = client("mistral", Map.of())) {
            assertThat(llmux.embed(dev.llmux.api.EmbeddingRequest.of("mistral/mistral-embed", "a", "b")).data()).hasSize(2);
        }
        assertThat(wm.lastBody()).isEqualTo(Json.tree("{\"model\":\"mistral-embed\",\"input\":[\"a\",\"b\"]}"));
        try (Llmux llmux = client("groq", Map.of())) {
            assertThatThrownBy(() -> llmux.embed(dev.llmux.api.EmbeddingRequest.of("groq/some-embedder", "a")))
                    .isInstanceOf(UnsupportedParamsException.class).hasMessageContaining("embeddings");
        }
    }

    @Test
    void should_need_a_key_naming_the_presets_variables() {
        try (Llmux llmux = wm.client("groq", Map.of(), Map.of())) {
            assertThatThrownBy(() -> llmux.chat("groq/llama-3.3-70b-versatile", ChatMessage.user("hi")))
                    .isInstanceOf(dev.llmux.error.AuthenticationException.class).hasMessageContaining("GROQ_API_KEY");
        }
    }
}
