package dev.llmux;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Usage;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A scripted {@link Provider} that records what the client hands it. */
final class FakeProvider implements Provider {

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final List<ProviderCall> calls = new CopyOnWriteArrayList<>();
    private final Set<String> ids;
    private final Set<String> supported;
    private BiFunction<ChatRequest, ProviderCall, Mono<ChatResponse>> chat = (r, c) -> Mono.just(answer(c.model(), "hi", Usage.of(10, 5)));
    private BiFunction<ChatRequest, ProviderCall, Flux<ChatChunk>> stream = (r, c) -> Flux.empty();

    FakeProvider(Set<String> ids, Set<String> supported) {
        this.ids = ids;
        this.supported = supported;
    }

    static FakeProvider openai() {
        return new FakeProvider(Set.of("openai"), Set.of("temperature", "max_tokens", "tools", "stream_options"));
    }

    static ChatResponse answer(String model, String text, Usage usage) {
        return ChatResponse.of("chatcmpl-1", 1700000000L, model, List.of(Choice.of(ChatMessage.assistant(text), FinishReason.STOP)), usage);
    }

    FakeProvider onChat(BiFunction<ChatRequest, ProviderCall, Mono<ChatResponse>> chat) {
        this.chat = chat;
        return this;
    }

    FakeProvider onStream(BiFunction<ChatRequest, ProviderCall, Flux<ChatChunk>> stream) {
        this.stream = stream;
        return this;
    }

    @Override
    public Set<String> ids() {
        return ids;
    }

    @Override
    public Set<String> supportedParams(String model) {
        return supported;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        requests.add(request);
        calls.add(call);
        return chat.apply(request, call);
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        requests.add(request);
        calls.add(call);
        return stream.apply(request, call);
    }
}
