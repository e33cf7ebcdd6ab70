package dev.llmux.samples.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;

/**
 * llmux without a framework: one chat, one stream, one tool round trip, and what each cost.
 *
 * <pre>
 * OPENAI_API_KEY=sk-... java -cp ... dev.llmux.samples.quickstart.QuickStart [model]
 * </pre>
 *
 * The model defaults to {@code openai/gpt-4o-mini}; any {@code provider/model} works ({@code anthropic/claude-sonnet-4-5},
 * {@code gemini/gemini-2.5-flash}, {@code ollama/llama3.2}, …) with that provider's key in the environment. Keys and
 * endpoints are read from system properties first, then the environment, so {@code -DOPENAI_BASE_URL=…} works too.
 */
public final class QuickStart {

    private QuickStart() {}

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "openai/gpt-4o-mini";
        try (Llmux llmux = Llmux.builder().env(name -> System.getProperty(name, System.getenv(name))).build()) {
            run(llmux, model, System.out);
        }
    }

    static void run(Llmux llmux, String model, PrintStream out) {
        // 1. chat: an OpenAI-shaped request and answer, whichever provider serves the model
        ChatResponse hello = llmux.chat(model, ChatMessage.user("Say hello in five words."));
        out.println("chat: " + hello.text());
        out.println("  tokens: " + hello.usage().promptTokens() + " in, " + hello.usage().completionTokens() + " out, cost: "
                + cost(llmux, hello));

        // 2. stream: chunks as they arrive; the last one carries the usage
        out.print("stream: ");
        ChatRequest story = ChatRequest.builder().model(model).message(ChatMessage.user("Count to three.")).build();
        llmux.stream(story).doOnNext(chunk -> {
            if (chunk.text() != null) {
                out.print(chunk.text());
            }
        }).blockLast(Duration.ofMinutes(2));
        out.println();

        // 3. tools: the model asks, we run the tool, the model answers with its result
        Tool weather = Tool.function("get_weather", "The current weather in a city",
                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("What's the weather in Paris?")));
        ChatResponse ask = llmux.chat(ChatRequest.builder().model(model).messages(messages).tools(List.of(weather)).build());
        messages.add(ask.message());
        for (ToolCall call : ask.message().toolCallsOrEmpty()) {
            String result = getWeather(call.function().arguments());
            out.println("tool: " + call.function().name() + call.function().arguments() + " -> " + result);
            messages.add(ChatMessage.tool(call.id(), result));
        }
        ChatResponse answer = llmux.chat(ChatRequest.builder().model(model).messages(messages).tools(List.of(weather)).build());
        out.println("answer: " + answer.text());
        out.println("  cost: " + cost(llmux, answer));
    }

    /** The "tool": a real app would call a weather service here. */
    static String getWeather(String argumentsJson) {
        return argumentsJson.contains("Paris") ? "{\"city\":\"Paris\",\"temperature_c\":18,\"sky\":\"cloudy\"}"
                : "{\"error\":\"unknown city\"}";
    }

    private static String cost(Llmux llmux, ChatResponse response) {
        return llmux.cost(response).map(c -> "$" + c.setScale(8, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString())
                .orElse("unknown (no price for this model)");
    }

}
