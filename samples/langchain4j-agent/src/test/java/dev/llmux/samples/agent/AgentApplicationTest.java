package dev.llmux.samples.agent;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.llmux.testing.VendorStubs;
import dev.llmux.testing.VendorStubs.Vendor;

/** The same agent on two vendors: only the deployment's model property (and where its stub lives) changes. */
class AgentApplicationTest {

    private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeEach
    void start() {
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"OPENAI", "ANTHROPIC"})
    void should_answer_with_the_tool_result_when_the_alias_points_at_each_vendor(Vendor vendor) {
        VendorStubs.stubToolLoop(wm, vendor, List.of(new VendorStubs.Call("get_weather", Map.of("city", "Paris"))),
                "It is 18°C and cloudy in Paris.");
        String apiBase = vendor == Vendor.OPENAI ? wm.baseUrl() + "/v1" : wm.baseUrl();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AgentApplication.class).run(
                "--llmux.models.agent.deployments[0].model=" + vendor.model(),
                "--llmux.models.agent.deployments[0].api-base=" + apiBase,
                "--llmux.models.agent.deployments[0].api-key=test-key",
                "--spring.main.banner-mode=off")) {
            String answer = app.getBean(TravelAgent.class).chat("What's the weather in Paris?");

            assertThat(answer).isEqualTo("It is 18°C and cloudy in Paris.");
            assertThat(app.getBean(WeatherTools.class).calls()).containsExactly("Paris");
            // two provider calls: the tool request, then the answer with the tool's result in the vendor's format
            assertThat(wm.getAllServeEvents()).as(() -> wm.getAllServeEvents().stream()
                    .map(e -> e.getRequest().getUrl() + " " + e.getRequest().getBodyAsString()).toList().toString()).hasSize(2);
            String second = wm.getAllServeEvents().get(0).getRequest().getBodyAsString();
            assertThat(second).contains("18°C, cloudy");
        }
    }
}
