package dev.llmux.bench;

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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A provider ({@code fake/<model>}) that answers at once with one prebuilt response: no network, no mapping. */
final class FakeProvider implements Provider {

    private final ChatResponse answer = ChatResponse.of("chatcmpl-fake", 1764000000L, "fake",
            List.of(Choice.of(ChatMessage.AssistantMessage.builder().content("ok").build(), FinishReason.STOP)),
            Usage.of(12, 1));

    @Override
    public Set<String> ids() {
        return Set.of("fake");
    }

    @Override
    public Set<String> supportedParams(String model) {
        return Set.of("temperature", "max_tokens", "tools", "tool_choice", "stream", "stream_options", "user");
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.just(answer);
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.error(new UnsupportedOperationException("the router benchmark does not stream"));
    }
}
