package dev.llmux.langchain4j;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.service.AiServices;
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

/** One AiServices agent with two tools, run on OpenAI, Anthropic and Gemini wire formats: only the model string changes. */
class AgentAcrossVendorsTest {

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

    interface TravelAgent {
        String chat(String message);
    }

    static final class TravelTools {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Current weather in a city")
        String weather(@P("the city") String city) {
            calls.add("weather:" + city);
            return "18C and sunny";
        }

        @Tool("Local time in a city")
        String localTime(@P("the city") String city) {
            calls.add("time:" + city);
            return "14:05";
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void should_run_the_same_tool_agent_on_each_vendor_by_changing_the_model_string(Vendor vendor) {
        VendorStubs.stubToolLoop(wm, vendor,
                List.of(new Call("weather", Map.of("city", "Paris")), new Call("localTime", Map.of("city", "Paris"))),
                "Paris: 18C, sunny, 14:05.");
        TravelTools tools = new TravelTools();
        TravelAgent agent = AiServices.builder(TravelAgent.class)
                .chatModel(LlmuxChatModel.builder().llmux(llmux).modelName(vendor.model()).build())
                .tools(tools)
                .build();

        String answer = agent.chat("Weather and time in Paris?");

        assertThat(answer).isEqualTo("Paris: 18C, sunny, 14:05.");
        assertThat(tools.calls).containsExactly("weather:Paris", "time:Paris");
        List<ServeEvent> events = wm.getAllServeEvents();
        assertThat(events).hasSize(2);
        String second = new String(events.get(0).getRequest().getBody(), StandardCharsets.UTF_8); // newest first
        assertThat(second).contains("18C and sunny").contains("14:05").contains("weather").contains("localTime");
    }
}
