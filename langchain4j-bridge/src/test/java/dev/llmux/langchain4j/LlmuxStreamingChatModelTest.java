package dev.llmux.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.llmux.Llmux;
import dev.llmux.testing.ScriptedProvider;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ToolCall;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.ServiceUnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmuxStreamingChatModelTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final Llmux llmux = Llmux.builder().provider(provider).env(k -> null).build();
    private final LlmuxStreamingChatModel model = LlmuxStreamingChatModel.builder().llmux(llmux).modelName("scripted/m").build();

    @AfterEach
    void close() {
        llmux.close();
    }

    /** Records every callback in order; completes when the stream ends either way. */
    static final class Recorder implements StreamingChatResponseHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partial) {
            events.add("text:" + partial);
        }

        @Override
        public void onPartialThinking(PartialThinking thinking) {
            events.add("thinking:" + thinking.text());
        }

        @Override
        public void onPartialToolCall(PartialToolCall call) {
            events.add("partial-tool:" + call.index() + ":" + call.name() + ":" + call.partialArguments());
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall call) {
            events.add("tool:" + call.index() + ":" + call.toolExecutionRequest().id() + ":" + call.toolExecutionRequest().arguments());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            events.add("complete");
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            events.add("error:" + error.getClass().getSimpleName());
            done.completeExceptionally(error);
        }
    }

    @Test
    void should_fire_partial_text_thinking_and_complete_in_order() throws Exception {
        provider.answer(ChatMessage.AssistantMessage.builder().content("Hello there friend").reasoningContent("greet").build());
        Recorder r = new Recorder();

        model.chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build(), r);
        ChatResponse res = r.done.get(5, TimeUnit.SECONDS);

        assertThat(r.events).containsExactly("thinking:greet", "text:Hello ", "text:there ", "text:friend", "complete");
        assertThat(res.aiMessage().text()).isEqualTo("Hello there friend");
        assertThat(res.aiMessage().thinking()).isEqualTo("greet");
        assertThat(res.metadata().tokenUsage().totalTokenCount()).isEqualTo(18);
        assertThat(res.metadata().finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void should_stream_tool_calls_completing_each_once() throws Exception {
        provider.callTools(ToolCall.function("c1", "weather", "{\"city\":\"Paris\"}"), ToolCall.function("c2", "weather", "{\"city\":\"Oslo\"}"));
        Recorder r = new Recorder();

        model.chat(ChatRequest.builder().messages(UserMessage.from("Weather?")).build(), r);
        ChatResponse res = r.done.get(5, TimeUnit.SECONDS);

        assertThat(r.events).containsExactly(
                "partial-tool:0:weather:{\"city\":",
                "partial-tool:0:weather:\"Paris\"}",
                "tool:0:c1:{\"city\":\"Paris\"}",
                "partial-tool:1:weather:{\"city\"",
                "partial-tool:1:weather::\"Oslo\"}",
                "tool:1:c2:{\"city\":\"Oslo\"}",
                "complete");
        assertThat(res.aiMessage().toolExecutionRequests()).extracting(t -> t.id()).containsExactly("c1", "c2");
        assertThat(res.metadata().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void should_report_a_failure_once_as_a_langchain4j_exception() {
        provider.fail(new ServiceUnavailableException("overloaded", ErrorDetails.of("scripted", "m", 503)));
        Recorder r = new Recorder();

        model.chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build(), r);

        assertThat(r.done).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOf(ServiceUnavailableException.class);
        assertThat(r.events).containsExactly("error:InternalServerException");
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    static final class Clock {
        @Tool("The current time")
        String now() {
            return "09:30";
        }
    }

    @Test
    void should_run_a_streaming_ai_services_tool_loop() throws Exception {
        provider.callTools(ToolCall.function("c1", "now", "{}")).answer("It is 09:30.");
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class).streamingChatModel(model).tools(new Clock()).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();

        assistant.chat("What time is it?")
                .onPartialResponse(text::append)
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();

        assertThat(done.get(5, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("It is 09:30.");
        assertThat(text).hasToString("It is 09:30.");
        assertThat(((ChatMessage.ToolMessage) provider.requests.get(1).messages().get(2)).content().text()).isEqualTo("09:30");
    }
}
