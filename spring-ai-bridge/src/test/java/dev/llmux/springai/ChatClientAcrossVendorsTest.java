package dev.llmux.springai;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmux.Llmux;
import dev.llmux.testing.VendorStubs;
import dev.llmux.testing.VendorStubs.Call;
import dev.llmux.testing.VendorStubs.Vendor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;

/** One ChatClient with @Tool methods, run on OpenAI, Anthropic and Gemini wire formats: only the model string changes. */
class ChatClientAcrossVendorsTest {

    private WireMockServer wm;
    private Llmux llmux;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        llmux = VendorStubs.client(wm).build();
    }

    @AfterEach
    void stop() {
        llmux.close();
        wm.stop();
    }

    static final class TravelTools {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool(description = "Current weather in a city")
        String weather(String city) {
            calls.add("weather:" + city);
            return "18C and sunny";
        }

        @Tool(description = "Local time in a city")
        String localTime(String city) {
            calls.add("time:" + city);
            return "14:05";
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void should_loop_tools_to_an_answer_on_each_vendor(Vendor vendor) {
        VendorStubs.stubToolLoop(wm, vendor,
                List.of(new Call("weather", Map.of("city", "Paris")), new Call("localTime", Map.of("city", "Paris"))),
                "Paris: 18C, sunny, 14:05.");
        LlmuxChatModel model = LlmuxChatModel.builder().llmux(llmux)
                .defaultOptions(LlmuxChatOptions.builder().model(vendor.model()).maxTokens(256).build()).build();
        TravelTools tools = new TravelTools();

        String answer = ChatClient.create(model).prompt().user("Weather and time in Paris?").tools(tools).call().content();

        assertThat(answer).isEqualTo("Paris: 18C, sunny, 14:05.");
        assertThat(tools.calls).containsExactly("weather:Paris", "time:Paris");
        String second = new String(wm.getAllServeEvents().get(0).getRequest().getBody(), StandardCharsets.UTF_8);
        assertThat(second).contains("18C and sunny").contains("14:05");
    }
}
