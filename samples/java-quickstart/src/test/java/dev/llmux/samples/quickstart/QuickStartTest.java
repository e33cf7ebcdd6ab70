package dev.llmux.samples.quickstart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Runs {@link QuickStart#main} against OpenAI's wire format served by WireMock. */
class QuickStartTest {

    private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeEach
    void start() {
        wm.start();
        System.setProperty("OPENAI_API_KEY", "sk-test");
        System.setProperty("OPENAI_BASE_URL", wm.baseUrl() + "/v1");
    }

    @AfterEach
    void stop() {
        wm.stop();
        System.clearProperty("OPENAI_API_KEY");
        System.clearProperty("OPENAI_BASE_URL");
    }

    @Test
    void should_chat_stream_call_a_tool_and_print_costs_when_run_against_openai() {
        wm.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(5).willReturn(json("""
                {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there, nice to meet!"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500}}""")));
        wm.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
                        data: {"id":"s1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"One, "}}]}

                        data: {"id":"s1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"two, three."},"finish_reason":"stop"}]}

                        data: {"id":"s1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}

                        data: [DONE]

                        """)));
        wm.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(2)
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather")))
                .willReturn(json("""
                        {"id":"c2","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                           "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
                         "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""")));
        wm.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("tool")))
                .willReturn(json("""
                        {"id":"c3","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"It is 18°C and cloudy in Paris."},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":80,"completion_tokens":12,"total_tokens":92}}""")));

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines[0]).isEqualTo("chat: Hello there, nice to meet!");
        // gpt-4o-mini at $0.15 / $0.60 per million tokens: 1000 × 0.15e-6 + 500 × 0.6e-6
        assertThat(lines[1]).isEqualTo("  tokens: 1000 in, 500 out, cost: $0.00045");
        assertThat(lines[2]).isEqualTo("stream: One, two, three.");
        assertThat(lines[3]).isEqualTo("tool: get_weather{\"city\":\"Paris\"} -> {\"city\":\"Paris\",\"temperature_c\":18,\"sky\":\"cloudy\"}");
        assertThat(lines[4]).isEqualTo("answer: It is 18°C and cloudy in Paris.");
        assertThat(lines[5]).startsWith("  cost: $");

        wm.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions")).withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(equalToJson("""
                        {"model":"gpt-4o-mini","messages":[
                          {"role":"user","content":"What's the weather in Paris?"},
                          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                          {"role":"tool","tool_call_id":"call_1","content":"{\\"city\\":\\"Paris\\",\\"temperature_c\\":18,\\"sky\\":\\"cloudy\\"}"}],
                         "tools":[{"type":"function","function":{"name":"get_weather","description":"The current weather in a city",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}""", true, true)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
