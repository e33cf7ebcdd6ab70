package dev.llmux.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmux.gateway.config.RoutingFactory;
import dev.llmux.gateway.config.Routing;
import dev.llmux.gateway.support.TestGateway;
import dev.llmux.internal.json.Json;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway built from a LiteLLM {@code config.yaml} by llmux's own loader and router: {@code mock/…} models, an
 * OpenAI deployment stubbed by WireMock, and a fallback from it to a second deployment during an outage.
 */
class RouterThroughGatewayTest {

    private static WireMockServer openai;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        openai = new WireMockServer(wireMockConfig().dynamicPort());
        openai.start();
        gw = TestGateway.startYaml("""
                model_list:
                  - model_name: mock-gpt
                    litellm_params:
                      model: mock/gpt-4o-mini
                  - model_name: primary
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: http://localhost:%d/v1
                      api_key: sk-upstream-test
                  - model_name: backup
                    litellm_params:
                      model: mock/backup-model
                router_settings:
                  num_retries: 0
                  fallbacks: [{"primary": ["backup"]}]
                general_settings:
                  master_key: sk-router-master
                  database_url: jdbc:h2:mem:router-test;DB_CLOSE_DELAY=-1
                """.formatted(openai.port()));
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        openai.stop();
    }

    private static OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(gw.baseUrl() + "/v1").apiKey("sk-router-master").maxRetries(0).build();
    }

    @Test
    void should_answer_from_a_mock_model_of_the_config() {
        ChatCompletion c = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("mock-gpt").addUserMessage("hi")
                .putAdditionalBodyProperty("mock_response", com.openai.core.JsonValue.from("hello from the mock")).build());

        assertThat(c.choices().get(0).message().content()).contains("hello from the mock");
        assertThat(client().models().list().data()).extracting(m -> m.id()).containsExactly("mock-gpt", "primary", "backup");
    }

    @Test
    void should_call_the_configured_provider_with_the_deployment_model() {
        openai.resetAll();
        openai.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "application/json").withBody("""
                        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"from upstream"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""")));

        HttpResponse<String> r = gw.post("/v1/chat/completions", "sk-router-master",
                "{\"model\":\"primary\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.5}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.tree(r.body()).get("choices").get(0).get("message").get("content").asString()).isEqualTo("from upstream");
        assertThat(r.headers().firstValue("x-llmux-provider")).contains("openai");
        assertThat(r.headers().firstValue("x-llmux-response-cost")).isPresent();
        openai.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson(
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.5}", true, true)));
    }

    @Test
    void should_fall_back_to_the_backup_during_a_provider_outage() {
        openai.resetAll();
        openai.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withHeader("content-type", "application/json")
                .withBody("{\"error\":{\"message\":\"upstream is down\",\"type\":\"server_error\"}}")));

        HttpResponse<String> r = gw.post("/v1/chat/completions", "sk-router-master",
                "{\"model\":\"primary\",\"messages\":[{\"role\":\"user\",\"content\":\"still there?\"}]}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.tree(r.body()).get("choices").get(0).get("message").get("content").asString()).isNotBlank();
        assertThat(r.headers().firstValue("x-llmux-provider")).contains("mock");
        assertThat(r.headers().firstValue("x-llmux-model")).contains("backup-model");
        assertThat(Integer.parseInt(r.headers().firstValue("x-llmux-attempts").orElseThrow())).isGreaterThanOrEqualTo(2);
        openai.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_load_the_bundled_example_config_without_any_provider_key() throws Exception {
        String yaml;
        try (InputStream in = RoutingFactory.class.getResourceAsStream("/llmux/default-config.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        Routing routing = RoutingFactory.fromConfig(yaml, "bundled", Clock.systemUTC(), Map.<String, String>of()::get);

        assertThat(routing.models().names()).contains("mock-gpt", "mock-embedding", "gpt-4o-mini", "claude-sonnet");
        assertThat(routing.llmux().chat(dev.llmux.api.ChatRequest.builder().model("mock-gpt").addUser("hi").build()).text())
                .isNotBlank();
    }
}
