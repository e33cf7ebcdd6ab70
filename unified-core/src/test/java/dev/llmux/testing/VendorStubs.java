package dev.llmux.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.llmux.Llmux;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.util.List;
import java.util.Map;

/**
 * Native answers of OpenAI, Anthropic and Gemini on one WireMock server, so layers above the providers (bridges,
 * router, gateway) can show that the same agent runs on each vendor with only the model string changed. Each answer
 * is written in the vendor's own wire format; the tool loop is a WireMock scenario (first call: tools, then text).
 */
public final class VendorStubs {

    /** A vendor and the model string that selects it. */
    public enum Vendor {
        OPENAI("openai/gpt-4o-mini"),
        ANTHROPIC("anthropic/claude-sonnet-4-5"),
        GEMINI("gemini/gemini-2.5-flash");

        private final String model;

        Vendor(String model) {
            this.model = model;
        }

        public String model() {
            return model;
        }
    }

    private VendorStubs() {}

    /** A client whose OpenAI, Anthropic and Gemini providers all point at {@code wm}, with fake keys. */
    public static Llmux.Builder client(WireMockServer wm) {
        return Llmux.builder()
                .env(name -> null)
                .settings("openai", ProviderSettings.builder().apiKey("test-key").apiBase(wm.baseUrl() + "/v1").build())
                .settings("anthropic", ProviderSettings.builder().apiKey("test-key").apiBase(wm.baseUrl()).build())
                .settings("gemini", ProviderSettings.builder().apiKey("test-key").apiBase(wm.baseUrl()).build());
    }

    /** One call of {@code name} with {@code args}. */
    public record Call(String name, Map<String, Object> args) {}

    /** First request: the model calls {@code calls}; every later request: it answers {@code finalText}. */
    public static void stubToolLoop(WireMockServer wm, Vendor vendor, List<Call> calls, String finalText) {
        wm.stubFor(endpoint(vendor).inScenario("loop").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(json(toolCalls(vendor, calls))));
        wm.stubFor(endpoint(vendor).inScenario("loop").whenScenarioStateIs("answered").willReturn(json(text(vendor, finalText))));
    }

    /** Every request answers {@code text}. */
    public static void stubText(WireMockServer wm, Vendor vendor, String text) {
        wm.stubFor(endpoint(vendor).willReturn(json(text(vendor, text))));
    }

    private static MappingBuilder endpoint(Vendor vendor) {
        return switch (vendor) {
            case OPENAI -> post(urlPathEqualTo("/v1/chat/completions"));
            case ANTHROPIC -> post(urlPathEqualTo("/v1/messages"));
            case GEMINI -> post(urlPathMatching("/v1beta/models/[^/:]+:generateContent"));
        };
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(Json.writeString(body));
    }

    private static Object text(Vendor vendor, String text) {
        return switch (vendor) {
            case OPENAI -> Map.of("id", "chatcmpl-2", "object", "chat.completion", "created", 1700000001, "model", "gpt-4o-mini",
                    "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", text), "finish_reason", "stop")),
                    "usage", Map.of("prompt_tokens", 40, "completion_tokens", 9, "total_tokens", 49));
            case ANTHROPIC -> Map.of("id", "msg_2", "type", "message", "role", "assistant", "model", "claude-sonnet-4-5",
                    "content", List.of(Map.of("type", "text", "text", text)), "stop_reason", "end_turn",
                    "usage", Map.of("input_tokens", 40, "output_tokens", 9));
            case GEMINI -> Map.of("candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))),
                            "finishReason", "STOP", "index", 0)),
                    "usageMetadata", Map.of("promptTokenCount", 40, "candidatesTokenCount", 9, "totalTokenCount", 49),
                    "modelVersion", "gemini-2.5-flash");
        };
    }

    private static Object toolCalls(Vendor vendor, List<Call> calls) {
        return switch (vendor) {
            case OPENAI -> Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000, "model", "gpt-4o-mini",
                    "choices", List.of(Map.of("index", 0, "finish_reason", "tool_calls", "message", Map.of("role", "assistant",
                            "tool_calls", calls.stream().map(c -> Map.of("id", "call_" + calls.indexOf(c), "type", "function",
                                    "function", Map.of("name", c.name(), "arguments", Json.writeString(c.args())))).toList()))),
                    "usage", Map.of("prompt_tokens", 30, "completion_tokens", 12, "total_tokens", 42));
            case ANTHROPIC -> Map.of("id", "msg_1", "type", "message", "role", "assistant", "model", "claude-sonnet-4-5",
                    "content", calls.stream().map(c -> Map.of("type", "tool_use", "id", "toolu_" + calls.indexOf(c), "name", c.name(),
                            "input", c.args())).toList(),
                    "stop_reason", "tool_use", "usage", Map.of("input_tokens", 30, "output_tokens", 12));
            case GEMINI -> Map.of("candidates", List.of(Map.of("content", Map.of("role", "model", "parts",
                                    calls.stream().map(c -> Map.of("functionCall", Map.of("name", c.name(), "args", c.args()))).toList()),
                            "finishReason", "STOP", "index", 0)),
                    "usageMetadata", Map.of("promptTokenCount", 30, "candidatesTokenCount", 12, "totalTokenCount", 42),
                    "modelVersion", "gemini-2.5-flash");
        };
    }
}
