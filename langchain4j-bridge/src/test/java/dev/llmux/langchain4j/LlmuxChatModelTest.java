package dev.llmux.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.llmux.Llmux;
import dev.llmux.testing.ScriptedProvider;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmuxChatModelTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final Llmux llmux = Llmux.builder().provider(provider).env(k -> null).build();

    @AfterEach
    void close() {
        llmux.close();
    }

    private LlmuxChatModel.Builder model() {
        return LlmuxChatModel.builder().llmux(llmux).modelName("scripted/agent-model");
    }

    interface Assistant {
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

    @Test
    void should_loop_tool_calls_to_an_answer_through_ai_services() {
        provider.callTools(ToolCall.function("call_1", "weather", "{\"city\":\"Paris\"}"),
                        ToolCall.function("call_2", "localTime", "{\"city\":\"Paris\"}"))
                .answer("It is 18C and sunny in Paris, and 14:05.");
        TravelTools tools = new TravelTools();
        Assistant agent = AiServices.builder(Assistant.class).chatModel(model().build()).tools(tools).build();

        String answer = agent.chat("Weather and time in Paris?");

        assertThat(answer).isEqualTo("It is 18C and sunny in Paris, and 14:05.");
        assertThat(tools.calls).containsExactly("weather:Paris", "time:Paris");
        assertThat(provider.requests).hasSize(2);
        dev.llmux.api.ChatRequest first = provider.requests.get(0);
        assertThat(first.toolsOrEmpty()).extracting(t -> t.function().name()).containsExactlyInAnyOrder("weather", "localTime");
        assertThat(Json.valueToTree(first.toolsOrEmpty().get(0).function().parameters()).toString())
                .contains("\"city\"").contains("\"required\":[\"city\"]");
        List<ChatMessage> history = provider.requests.get(1).messages();
        assertThat(history).hasSize(4);
        ChatMessage.AssistantMessage assistant = (ChatMessage.AssistantMessage) history.get(1);
        assertThat(assistant.toolCalls()).extracting(ToolCall::id).containsExactly("call_1", "call_2");
        assertThat(history.get(2)).isEqualTo(new ChatMessage.ToolMessage("call_1", dev.llmux.api.Content.of("18C and sunny"), "weather", null));
        assertThat(((ChatMessage.ToolMessage) history.get(3)).content().text()).isEqualTo("14:05");
    }

    record Weather(String city, double tempC) {}

    interface Extractor {
        Weather extract(String text);
    }

    @Test
    void should_return_structured_output_into_a_record_with_native_json_schema() {
        provider.answer("{\"city\":\"Paris\",\"tempC\":18.5}");
        ChatModel chatModel = model().supportedCapabilities(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)).build();
        Extractor extractor = AiServices.create(Extractor.class, chatModel);

        Weather w = extractor.extract("It is 18.5 degrees in Paris");

        assertThat(w).isEqualTo(new Weather("Paris", 18.5));
        dev.llmux.api.ResponseFormat rf = provider.requests.get(0).responseFormat();
        assertThat(rf.isJsonSchema()).isTrue();
        assertThat(rf.jsonSchema().name()).isEqualTo("Weather");
        assertThat(Json.valueToTree(rf.jsonSchema().schema())).isEqualTo(Json.tree("""
                {"type":"object","properties":{"city":{"type":"string"},"tempC":{"type":"number"}},
                 "required":["city","tempC"],"additionalProperties":false}"""));
    }

    @Test
    void should_keep_chat_memory_across_turns() {
        provider.answer("Nice to meet you, Ada.").answer("Your name is Ada.");
        Assistant agent = AiServices.builder(Assistant.class)
                .chatModel(model().build())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10))
                .build();

        agent.chat("My name is Ada.");
        String second = agent.chat("What is my name?");

        assertThat(second).isEqualTo("Your name is Ada.");
        assertThat(provider.requests.get(1).messages()).extracting(m -> ((ChatMessage) m).role())
                .containsExactly("user", "assistant", "user");
        assertThat(Json.writeString(provider.requests.get(1))).contains("My name is Ada.").contains("Nice to meet you, Ada.");
    }

    @Test
    void should_map_parameters_exactly() {
        provider.answer("ok");
        ChatModel chatModel = model().temperature(0.3).topP(0.9).topK(40).maxOutputTokens(256).stopSequences(List.of("END"))
                .frequencyPenalty(0.1).presencePenalty(0.2).reasoningEffort("low").build();

        chatModel.chat(ChatRequest.builder()
                .messages(dev.langchain4j.data.message.SystemMessage.from("Be brief."), UserMessage.from("Hi"))
                .parameters(LlmuxChatRequestParameters.builder().seed(7L).customParameter("thinking", Map.of("type", "enabled")).build())
                .build());

        assertThat(Json.tree(Json.write(provider.requests.get(0)))).isEqualTo(Json.tree("""
                {"model":"agent-model","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
                 "temperature":0.3,"top_p":0.9,"max_tokens":256,"stop":["END"],"seed":7,"presence_penalty":0.2,
                 "frequency_penalty":0.1,"reasoning_effort":"low","top_k":40,"thinking":{"type":"enabled"}}"""));
    }

    @Test
    void should_return_metadata_with_usage_finish_reason_and_llmux_extras() {
        provider.answer("Hello!");
        ChatResponse res = model().build().chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build());

        assertThat(res.aiMessage().text()).isEqualTo("Hello!");
        assertThat(res.metadata().id()).isEqualTo("resp-1");
        assertThat(res.metadata().modelName()).isEqualTo("scripted-model");
        assertThat(res.metadata().finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(res.metadata().tokenUsage().inputTokenCount()).isEqualTo(11);
        assertThat(res.metadata().tokenUsage().outputTokenCount()).isEqualTo(7);
        LlmuxChatResponseMetadata meta = (LlmuxChatResponseMetadata) res.metadata();
        assertThat(meta.providerName()).isEqualTo("scripted");
        assertThat(meta.attempts()).isEqualTo(1);
        assertThat(meta.callInfo().model()).isEqualTo("agent-model");
    }

    @Test
    void should_return_thinking_and_send_signed_blocks_back() {
        provider.answer(ChatMessage.AssistantMessage.builder()
                        .content("42")
                        .reasoningContent("6 times 7")
                        .thinkingBlocks(List.of(ThinkingBlock.thinking("6 times 7", "sig-abc")))
                        .build())
                .answer("Yes.");
        ChatModel chatModel = model().build();
        ChatResponse first = chatModel.chat(ChatRequest.builder().messages(UserMessage.from("6*7?")).build());
        AiMessage ai = first.aiMessage();
        assertThat(ai.thinking()).isEqualTo("6 times 7");

        chatModel.chat(ChatRequest.builder().messages(UserMessage.from("6*7?"), ai, UserMessage.from("Sure?")).build());

        ChatMessage.AssistantMessage echoed = (ChatMessage.AssistantMessage) provider.requests.get(1).messages().get(1);
        assertThat(echoed.reasoningContent()).isEqualTo("6 times 7");
        assertThat(echoed.thinkingBlocks()).containsExactly(ThinkingBlock.thinking("6 times 7", "sig-abc"));
    }

    @Test
    void should_fire_listener_events_for_request_response_and_error() {
        List<String> events = new CopyOnWriteArrayList<>();
        ChatModelListener listener = new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext ctx) {
                events.add("request:" + ctx.chatRequest().parameters().modelName());
            }

            @Override
            public void onResponse(ChatModelResponseContext ctx) {
                events.add("response:" + ctx.chatResponse().aiMessage().text());
            }

            @Override
            public void onError(ChatModelErrorContext ctx) {
                events.add("error:" + ctx.error().getClass().getSimpleName());
            }
        };
        provider.answer("Hi!").fail(new dev.llmux.error.RateLimitException("slow down",
                dev.llmux.error.ErrorDetails.of("scripted", "agent-model", 429), false));
        ChatModel chatModel = model().listener(listener).build();

        chatModel.chat("Hello");
        assertThatThrownBy(() -> chatModel.chat("Again")).isInstanceOf(dev.langchain4j.exception.RateLimitException.class);

        assertThat(events).containsExactly("request:scripted/agent-model", "response:Hi!", "request:scripted/agent-model",
                "error:RateLimitException");
    }

    @Test
    void should_send_images_audio_and_pdfs_as_openai_content_parts() {
        provider.answer("A cat.");
        model().build().chat(ChatRequest.builder().messages(UserMessage.from(
                dev.langchain4j.data.message.TextContent.from("What is this?"),
                dev.langchain4j.data.message.ImageContent.from("iVBORw0KGgo=", "image/png",
                        dev.langchain4j.data.message.ImageContent.DetailLevel.LOW),
                // LangChain4j itself defaults an image to detail LOW
                dev.langchain4j.data.message.ImageContent.from(java.net.URI.create("https://example.com/cat.jpg")),
                dev.langchain4j.data.message.AudioContent.from("UklGRg==", "audio/wav"),
                dev.langchain4j.data.message.PdfFileContent.from("JVBERi0=", "application/pdf"))).build());

        assertThat(Json.tree(Json.write(provider.requests.get(0).messages().get(0)))).isEqualTo(Json.tree("""
                {"role":"user","content":[{"type":"text","text":"What is this?"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}},
                 {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"low"}},
                 {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
                 {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"document.pdf"}}]}"""));
    }

    @Test
    void should_fail_clearly_without_a_model_name_or_client() {
        assertThatThrownBy(() -> LlmuxChatModel.builder().llmux(llmux).build()).hasMessageContaining("modelName is required");
        assertThatThrownBy(() -> LlmuxChatModel.builder().modelName("openai/gpt-4o").build()).hasMessageContaining("llmux is required");
    }

    @Test
    void should_advertise_json_schema_only_for_models_the_catalog_says_support_it() {
        assertThat(LlmuxChatModel.builder().llmux(llmux).modelName("openai/gpt-4o").build().supportedCapabilities())
                .containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(model().build().supportedCapabilities()).isEmpty();
        assertThat(LlmuxChatModel.builder().llmux(llmux).modelName("anthropic/claude-sonnet-4-5").build().provider())
                .isEqualTo(dev.langchain4j.model.ModelProvider.ANTHROPIC);
    }
}
