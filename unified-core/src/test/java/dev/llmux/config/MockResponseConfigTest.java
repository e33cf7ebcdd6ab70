package dev.llmux.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.router.Router;
import org.junit.jupiter.api.Test;

/** LiteLLM's way to rehearse an outage: a deployment whose mock_response is an error, with a fallback behind it. */
class MockResponseConfigTest {

    @Test
    void should_fall_back_when_a_deployment_mocks_a_rate_limit() {
        LlmuxConfig config = ConfigLoader.defaults().parse("""
                model_list:
                  - model_name: primary
                    litellm_params:
                      model: openai/gpt-4o
                      mock_response: litellm.RateLimitError
                  - model_name: backup
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      mock_response: "backup answered"
                router_settings:
                  num_retries: 0
                  fallbacks: [{"primary": ["backup"]}]
                """);
        Router router = config.routerBuilder().build();
        try (Llmux llmux = Llmux.builder().env(name -> null).interceptor(router).build()) {

            ChatResponse res = llmux.chat("primary", ChatMessage.user("Hi"));

            assertThat(res.text()).isEqualTo("backup answered");
            assertThat(res.callInfo().modelGroup()).as("the group the caller asked for").isEqualTo("primary");
            assertThat(res.callInfo().deployment()).isEqualTo(router.deployments("backup").get(0).id());
            assertThat(res.callInfo().attempts()).isEqualTo(2);
            assertThat(config.warnings()).isEmpty();
        }
    }
}
