package dev.llmux.testing;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A provider (id {@code scripted}) that answers from a script and records what it was asked; streams split answers
 * into word pieces and tool-call arguments into two fragments, then send the finish reason and a usage chunk. For
 * tests of the layers above providers (bridges, router, gateway).
 */
public final class ScriptedProvider implements Provider {

    public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Object> script = new ConcurrentLinkedQueue<>();

    public ScriptedProvider answer(String text) {
        script.add(response(ChatMessage.assistant(text), FinishReason.STOP));
        return this;
    }

    public ScriptedProvider callTools(ToolCall... calls) {
        script.add(response(ChatMessage.AssistantMessage.builder().toolCalls(List.of(calls)).build(), FinishReason.TOOL_CALLS));
        return this;
    }

    public ScriptedProvider answer(ChatMessage.AssistantMessage message) {
        script.add(response(message, FinishReason.STOP));
        return this;
    }

    public ScriptedProvider fail(RuntimeException error) {
        script.add(error);
        return this;
    }

    private static ChatResponse response(ChatMessage.AssistantMessage m, FinishReason finish) {
        return ChatResponse.of("resp-1", 1700000000L, "scripted-model", List.of(Choice.of(m, finish)), Usage.of(11, 7));
    }

    @Override
    public Set<String> ids() {
        return Set.of("scripted");
    }

    @Override
    public Set<String> supportedParams(String model) {
        return Set.of("tools", "tool_choice", "parallel_tool_calls", "response_format", "temperature", "top_p", "max_tokens",
                "max_completion_tokens", "stop", "seed", "presence_penalty", "frequency_penalty", "user", "metadata",
                "reasoning_effort", "stream_options");
    }

    private Object next(ChatRequest request) {
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            throw new IllegalStateException("script exhausted at request " + requests.size());
        }
        return next;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            Object next = next(request);
            return next instanceof RuntimeException e ? Mono.error(e) : Mono.just((ChatResponse) next);
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            Object next = next(request);
            if (next instanceof RuntimeException e) {
                return Flux.error(e);
            }
            ChatResponse r = (ChatResponse) next;
            ChatMessage.AssistantMessage m = r.message();
            List<ChatChunk> chunks = new ArrayList<>();
            chunks.add(ChatChunk.of(r.id(), r.created(), r.model(), ChatChunk.Delta.role("assistant"), null));
            if (m.reasoningContent() != null) {
                chunks.add(ChatChunk.of(r.id(), r.created(), r.model(), ChatChunk.Delta.reasoning(m.reasoningContent()), null));
            }
            if (m.text() != null) {
                for (String piece : m.text().split("(?<= )")) {
                    chunks.add(ChatChunk.of(r.id(), r.created(), r.model(), ChatChunk.Delta.content(piece), null));
                }
            }
            int index = 0;
            for (ToolCall tc : m.toolCallsOrEmpty()) {
                String args = tc.arguments();
                int half = args.length() / 2;
                chunks.add(ChatChunk.of(r.id(), r.created(), r.model(), ChatChunk.Delta.toolCalls(List.of(
                        new ToolCall(index, tc.id(), "function", new ToolCall.FunctionCall(tc.name(), args.substring(0, half))))), null));
                chunks.add(ChatChunk.of(r.id(), r.created(), r.model(), ChatChunk.Delta.toolCalls(List.of(
                        new ToolCall(index, null, null, new ToolCall.FunctionCall(null, args.substring(half))))), null));
                index++;
            }
            chunks.add(ChatChunk.of(r.id(), r.created(), r.model(), ChatChunk.Delta.EMPTY, r.finishReason()));
            chunks.add(ChatChunk.of(r.id(), r.created(), r.model(), List.of(), r.usage()));
            return Flux.fromIterable(chunks);
        });
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        List<EmbeddingResponse.Embedding> data = new ArrayList<>();
        for (int i = 0; i < request.input().size(); i++) {
            data.add(EmbeddingResponse.Embedding.of(i, new float[] {i, 0.5f, -1f}));
        }
        return Mono.just(EmbeddingResponse.of(data, "scripted-embed", new EmbeddingResponse.EmbeddingUsage(5, 5)));
    }
}
