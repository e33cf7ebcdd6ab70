package dev.llmux.provider.anthropic.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.internal.stream.SseEvent;
import dev.llmux.spi.ProviderCall;
import java.util.List;
import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic stream decoding shared by the Anthropic provider and the hosts that serve Claude (Vertex): SSE events
 * to {@link AnthropicWire.Event}s to chunks. The common delta events are read straight off the parser
 * ({@link AnthropicEventReader}); every other event goes through the JSON tree, as {@code AnthropicCodec} exposes it.
 */
public final class AnthropicStreams {

    private AnthropicStreams() {}

    /** The chunks of an SSE body; see {@code AnthropicCodec.toChunks} for how the flux ends. */
    public static Flux<ChatChunk> fromSse(boolean jsonToolMode, Flux<byte[]> body, ProviderCall call) {
        return Flux.defer(() -> {
            AnthropicEventReader reader = new AnthropicEventReader();
            StreamAssembler assembler = assembler(jsonToolMode, call);
            // decoding, reading and assembling in one operator per read, not three per event
            return SseDecoder.<ChatChunk>decode(body, (e, out) -> assembler.onEvent(event(e, call, reader)).forEach(out))
                    .concatWith(end(assembler, call));
        });
    }

    /** Events to chunks: fails with the mapped error on an {@code error} event, or when {@code message_stop} never came. */
    public static Flux<ChatChunk> assemble(boolean jsonToolMode, Flux<AnthropicWire.Event> events, ProviderCall call) {
        return Flux.defer(() -> {
            StreamAssembler assembler = assembler(jsonToolMode, call);
            return events
                    .concatMap(e -> {
                        List<ChatChunk> chunks = assembler.onEvent(e);
                        // mostly one chunk per event: a scalar concatMap takes without an iterator
                        return chunks.isEmpty() ? Flux.empty() : chunks.size() == 1 ? Flux.just(chunks.get(0)) : Flux.fromIterable(chunks);
                    })
                    .concatWith(end(assembler, call));
        });
    }

    private static StreamAssembler assembler(boolean jsonToolMode, ProviderCall call) {
        return new StreamAssembler(jsonToolMode, call.clock().instant().getEpochSecond(),
                error -> AnthropicErrors.fromErrorBody(call.provider(), call.model(), error));
    }

    private static Flux<ChatChunk> end(StreamAssembler assembler, ProviderCall call) {
        return Flux.defer(() -> assembler.isStopped() ? Flux.empty() : Flux.error(ProviderHttp.cutStream(call, "message_stop")));
    }

    /** One SSE event's data as a JSON object, typed by the SSE event name when it has no {@code type}; a 502 when it is not one. */
    public static JsonNode tree(SseEvent e, ProviderCall call) {
        JsonNode node;
        try {
            node = Json.tree(e.data());
        } catch (JacksonException ex) {
            throw ProviderHttp.malformed(call, ex);
        }
        if (!node.isObject()) {
            throw ProviderHttp.malformed(call, new IllegalArgumentException("event data is not an object: " + e.data()));
        }
        if (!node.has("type") && e.event() != null) {
            ((ObjectNode) node).put("type", e.event());
        }
        return node;
    }

    /** Binds an event object; a 502 when it does not bind or has no type. */
    public static AnthropicWire.Event bind(JsonNode node, ProviderCall call) {
        try {
            AnthropicWire.Event e = Json.MAPPER.treeToValue(node, AnthropicWire.Event.class);
            if (e.type() == null) {
                throw new IllegalArgumentException("event without a type: " + node);
            }
            return e;
        } catch (JacksonException | IllegalArgumentException ex) {
            throw ProviderHttp.malformed(call, ex);
        }
    }

    private static AnthropicWire.Event event(SseEvent e, ProviderCall call, AnthropicEventReader reader) {
        AnthropicWire.Event fast = reader.read(e.dataArray(), e.dataOffset(), e.dataLength(), e.event());
        return fast != null ? fast : bind(tree(e, call), call);
    }
}
