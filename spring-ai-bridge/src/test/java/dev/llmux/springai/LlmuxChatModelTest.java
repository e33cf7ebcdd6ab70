package dev.llmux.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ToolCall;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.internal.json.Json;
import dev.llmux.testing.ScriptedProvider;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.annotation.Tool;

class LlmuxChatModelTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final Llmux llmux = Llmux.builder().provider(provider).env(k -> null).build();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final LlmuxChatModel model = LlmuxChatModel.builder()
            .llmux(llmux)
            .defaultOptions(LlmuxChatOptions.builder().model("scripted/m").temperature(0.2).build())
            .observationRegistry(observations)
            .build();

    @AfterEach
    void close() {
        llmux.close();
    }

    static final class WeatherTools {
        @Tool(description = "Current weather in a city")
        String weather(String city) {
            return "18C and sunny in " + city;
        }

        @Tool(description = "Local time in a city")
        String localTime(String city) {
            return "14:05";
        }
    }

    @Test
    void should_loop_tool_calls_to_an_answer_through_chat_client() {
        provider.callTools(ToolCall.function("c1", "weather", "{\"city\":\"Paris\"}"), ToolCall.function("c2", "localTime", "{\"city\":\"Paris\"}"))
                .answer("18C, sunny, 14:05.");

        String answer = ChatClient.create(model).prompt().user("Weather and time in Paris?").tools(new WeatherTools()).call().content();

        assertThat(answer).isEqualTo("18C, sunny, 14:05.");
        assertThat(provider.requests).hasSize(2);
        assertThat(provider.requests.get(0).toolsOrEmpty()).extracting(t -> t.function().name()).containsExactlyInAnyOrder("weather", "localTime");
        assertThat(provider.requests.get(0).temperature()).isEqualTo(0.2);
        List<ChatMessage> history = provider.requests.get(1).messages();
        assertThat(history).extracting(ChatMessage::role).containsExactly("user", "assistant", "tool", "tool");
        assertThat(((ChatMessage.ToolMessage) history.get(2)).content().text()).isEqualTo("\"18C and sunny in Paris\"");
    }

    record Weather(String city, double tempC) {}

    @Test
    void should_return_an_entity_with_native_structured_output() {
        provider.answer("{\"city\":\"Paris\",\"tempC\":18.5}");

        Weather w = ChatClient.create(model).prompt().user("Weather in Paris").advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
                .call().entity(Weather.class);

        assertThat(w).isEqualTo(new Weather("Paris", 18.5));
        dev.llmux.api.ResponseFormat rf = provider.requests.get(0).responseFormat();
        assertThat(rf.isJsonSchema()).isTrue();
        assertThat(rf.jsonSchema().strict()).isTrue();
        assertThat(rf.jsonSchema().schema()).doesNotContainKey("$schema").containsEntry("type", "object");
        assertThat(Json.valueToTree(rf.jsonSchema().schema().get("properties")).has("tempC")).isTrue();
    }

    @Test
    void should_return_an_entity_from_prompt_instructions_without_native_output() {
        provider.answer("{\"city\":\"Oslo\",\"tempC\":-3.0}");

        Weather w = ChatClient.create(model).prompt().user("Weather in Oslo").call().entity(Weather.class);

        assertThat(w).isEqualTo(new Weather("Oslo", -3.0));
        assertThat(provider.requests.get(0).responseFormat()).isNull();
        assertThat(((ChatMessage.UserMessage) provider.requests.get(0).messages().get(0)).content().text()).contains("JSON");
    }

    @Test
    void should_remember_turns_with_a_memory_advisor() {
        provider.answer("Hi Ada.").answer("You are Ada.");
        ChatClient client = ChatClient.builder(model)
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
                .build();

        client.prompt().user("I am Ada.").advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada")).call().content();
        String second = client.prompt().user("Who am I?").advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada")).call().content();

        assertThat(second).isEqualTo("You are Ada.");
        assertThat(provider.requests.get(1).messages()).extracting(ChatMessage::role).containsExactly("user", "assistant", "user");
    }

    @Test
    void should_stream_text() {
        provider.answer("Hello there friend");

        List<String> pieces = ChatClient.create(model).prompt().user("Hi").stream().content().collectList().block(Duration.ofSeconds(5));

        assertThat(String.join("", pieces)).isEqualTo("Hello there friend");
        assertThat(pieces.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void should_stream_with_tools_emitting_only_complete_tool_calls() {
        provider.callTools(ToolCall.function("c1", "weather", "{\"city\":\"Rome\"}")).answer("Sunny in Rome.");

        List<ChatResponse> raw = model.stream(new Prompt("Weather in Rome?", LlmuxChatOptions.builder().build()))
                .collectList().block(Duration.ofSeconds(5));
        assertThat(raw).flatExtracting(r -> r.getResult().getOutput().getToolCalls())
                .containsExactly(new org.springframework.ai.chat.messages.AssistantMessage.ToolCall("c1", "function", "weather", "{\"city\":\"Rome\"}"));
        assertThat(raw.get(raw.size() - 1).getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");

        String text = String.join("", ChatClient.create(model).prompt().user("Again?").tools(new WeatherTools()).stream().content()
                .collectList().block(Duration.ofSeconds(5)));
        assertThat(text).isEqualTo("Sunny in Rome.");
    }

    @Test
    void should_map_response_metadata_usage_and_llmux_extras() {
        provider.answer("Hello!");

        ChatResponse res = model.call(new Prompt("Hi"));

        assertThat(res.getResult().getOutput().getText()).isEqualTo("Hello!");
        assertThat(res.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(res.getMetadata().getId()).isEqualTo("resp-1");
        assertThat(res.getMetadata().getModel()).isEqualTo("scripted-model");
        assertThat(res.getMetadata().getUsage().getPromptTokens()).isEqualTo(11);
        assertThat(res.getMetadata().getUsage().getCompletionTokens()).isEqualTo(7);
        assertThat(res.getMetadata().getUsage().getTotalTokens()).isEqualTo(18);
        assertThat((String) res.getMetadata().get("llmux.provider")).isEqualTo("scripted");
        assertThat((Integer) res.getMetadata().get("llmux.attempts")).isEqualTo(1);
    }

    @Test
    void should_record_an_observation_with_spring_ai_conventions() {
        provider.answer("Hello!");

        model.call(new Prompt("Hi"));

        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo("gen_ai.client.operation")
                .that()
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                .hasLowCardinalityKeyValue("gen_ai.system", "scripted")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "scripted/m")
                .hasLowCardinalityKeyValue("gen_ai.response.model", "scripted-model")
                .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "11")
                .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "7")
                .hasBeenStarted()
                .hasBeenStopped();
    }

    @Test
    void should_map_errors_to_transient_and_non_transient() {
        provider.fail(new RateLimitException("slow down", ErrorDetails.of("scripted", "m", 429), false))
                .fail(new ServiceUnavailableException("overloaded", ErrorDetails.of("scripted", "m", 503)))
                .fail(new BadRequestException("bad", ErrorDetails.of("scripted", "m", 400)))
                .fail(new RateLimitException("quota", ErrorDetails.of("scripted", "m", 429), true));

        assertThatThrownBy(() -> model.call(new Prompt("a"))).isInstanceOf(TransientAiException.class).hasCauseInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> model.call(new Prompt("b"))).isInstanceOf(TransientAiException.class);
        assertThatThrownBy(() -> model.call(new Prompt("c"))).isInstanceOf(NonTransientAiException.class);
        assertThatThrownBy(() -> model.call(new Prompt("d"))).isInstanceOf(NonTransientAiException.class);
    }

    @Test
    void should_merge_runtime_options_over_defaults() {
        provider.answer("ok");

        model.call(new Prompt("Hi", LlmuxChatOptions.builder().maxTokens(50).reasoningEffort("high").extraBody("top_k", 3).build()));

        dev.llmux.api.ChatRequest sent = provider.requests.get(0);
        assertThat(sent.model()).isEqualTo("m");
        assertThat(sent.temperature()).isEqualTo(0.2);
        assertThat(sent.maxTokens()).isEqualTo(50);
        assertThat(sent.reasoningEffort()).isEqualTo("high");
        assertThat(sent.extra()).containsEntry("top_k", 3);
        assertThat(LlmuxChatOptions.builder().model("x").build().mutate().temperature(1.0).build().getModel()).isEqualTo("x");
        assertThatThrownBy(() -> LlmuxChatOptions.builder().temperature(3.0).build()).hasMessageContaining("3.0");
    }

    @Test
    void should_expose_cost_when_the_catalog_knows_the_price() {
        // the scripted model is not in the catalog, so no cost; the key is simply absent rather than zero
        provider.answer("Hello!");
        assertThat(model.call(new Prompt("Hi")).getMetadata().<BigDecimal>get("llmux.cost")).isNull();
    }
}
