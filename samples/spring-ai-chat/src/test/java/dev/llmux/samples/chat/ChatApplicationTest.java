package dev.llmux.samples.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Claude overloaded (529), GPT failing (500): the local Ollama answers and the response says so. */
class ChatApplicationTest {

    private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeEach
    void start() {
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void should_answer_from_ollama_when_claude_and_gpt_fail() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/v1/messages")).willReturn(aResponse().withStatus(529).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        wm.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
        wm.stubFor(post(urlPathEqualTo("/api/chat")).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"model":"llama3.2","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"Hello from your own machine."},
                 "done":true,"done_reason":"stop","prompt_eval_count":21,"eval_count":7}""")));

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChatApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--llmux.router.num-retries=0",
                // what the environment would say; a list in application.yaml cannot be patched item by item
                "--ANTHROPIC_API_BASE=" + wm.baseUrl(),
                "--ANTHROPIC_API_KEY=test-key",
                "--OPENAI_API_BASE=" + wm.baseUrl() + "/v1",
                "--OPENAI_API_KEY=test-key",
                "--OLLAMA_API_BASE=" + wm.baseUrl())) {
            String port = app.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/chat?message=Hello")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo(
                    "{\"text\":\"Hello from your own machine.\",\"deployment\":\"ollama-llama\",\"model\":\"llama3.2\"}");
            wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")));
            wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
            wm.verify(postRequestedFor(urlPathEqualTo("/api/chat")).withRequestBody(equalToJson("""
                    {"model":"llama3.2","stream":false,"messages":[
                      {"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Hello"}]}""", true, true)));
        }
    }
}
