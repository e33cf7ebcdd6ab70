package dev.llmux.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.llmux.StreamAggregator;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ToolCall;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Feeds llmux chunks to a LangChain4j streaming handler, in LangChain4j's order: partial text, thinking and tool-call
 * pieces as they arrive; each tool call completed once (when the next one starts, or at the end); then exactly one
 * {@code onCompleteResponse} or one {@code onError}. A handler that throws is logged and does not stop the stream.
 */
public final class StreamingBridge {

    private static final Logger LOG = Logger.getLogger(StreamingBridge.class.getName());

    private final StreamingChatResponseHandler handler;
    private final StreamAggregator aggregator = new StreamAggregator();
    private final TreeMap<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, arguments}
    private @Nullable Integer openCall;
    private final AtomicBoolean finished = new AtomicBoolean();

    public StreamingBridge(StreamingChatResponseHandler handler) {
        this.handler = handler;
    }

    public void onChunk(ChatChunk chunk) {
        aggregator.accept(chunk);
        for (ChatChunk.ChunkChoice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            ChatChunk.Delta d = choice.delta();
            if (d.reasoningContent() != null && !d.reasoningContent().isEmpty()) {
                guard(() -> handler.onPartialThinking(new PartialThinking(d.reasoningContent())));
            }
            if (d.content() != null && !d.content().isEmpty()) {
                guard(() -> handler.onPartialResponse(d.content()));
            }
            if (d.toolCalls() != null) {
                d.toolCalls().forEach(this::onToolCallDelta);
            }
        }
    }

    private void onToolCallDelta(ToolCall delta) {
        int index = delta.index() != null ? delta.index() : calls.isEmpty() ? 0 : calls.lastKey() + (delta.id() != null ? 1 : 0);
        if (openCall != null && openCall != index) {
            completeCall(openCall);
        }
        openCall = index;
        String[] slot = calls.computeIfAbsent(index, k -> new String[] {null, null, ""});
        if (delta.id() != null) {
            slot[0] = delta.id();
        }
        if (delta.name() != null) {
            slot[1] = delta.name();
        }
        String piece = delta.arguments() == null ? "" : delta.arguments();
        slot[2] += piece;
        PartialToolCall partial = PartialToolCall.builder()
                .index(index)
                .id(slot[0])
                .name(slot[1])
                .partialArguments(piece)
                .build();
        guard(() -> handler.onPartialToolCall(partial));
    }

    private void completeCall(int index) {
        String[] slot = calls.get(index);
        ToolExecutionRequest request = ToolExecutionRequest.builder()
                .id(slot[0])
                .name(slot[1])
                .arguments(slot[2].isBlank() ? "{}" : slot[2])
                .build();
        guard(() -> handler.onCompleteToolCall(new CompleteToolCall(index, request)));
    }

    public void onComplete() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (openCall != null) {
            completeCall(openCall);
            openCall = null;
        }
        dev.langchain4j.model.chat.response.ChatResponse response;
        try {
            response = ResponseMapper.toLangChain4j(aggregator.result());
        } catch (RuntimeException e) {
            guard(() -> handler.onError(ExceptionMapper.map(e)));
            return;
        }
        guard(() -> handler.onCompleteResponse(response));
    }

    public void onError(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            guard(() -> handler.onError(ExceptionMapper.map(error)));
        }
    }

    private static void guard(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a LangChain4j streaming handler threw; the stream goes on", e);
        }
    }
}
