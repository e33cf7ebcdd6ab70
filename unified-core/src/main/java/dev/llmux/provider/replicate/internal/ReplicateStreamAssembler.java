package dev.llmux.provider.replicate.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.stream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns the events of a prediction's {@code urls.stream} into OpenAI chunks: {@code output} events are text
 * pieces, {@code done} ends the answer (unless its {@code reason} says the prediction was canceled or failed),
 * {@code error} fails it; {@code logs} and other events are ignored. Not thread-safe: one per stream.
 */
public final class ReplicateStreamAssembler {

    private final String provider;
    private final String model;
    private final String id;
    private final long created;
    private boolean started;
    private boolean done;

    public ReplicateStreamAssembler(String provider, String model, String id, long created) {
        this.provider = provider;
        this.model = model;
        this.id = id;
        this.created = created;
    }

    public boolean isDone() {
        return done;
    }

    /** The chunks one event yields; an {@code error} event or a failed {@code done} throws the mapped error. */
    public List<ChatChunk> accept(SseEvent event) {
        String type = event.event() == null ? "message" : event.event();
        switch (type) {
            case "output" -> {
                return event.data().isEmpty() ? List.of() : List.of(content(event.data()));
            }
            case "error" -> throw ReplicateResponseMapper.failure("failed", ReplicateErrors.streamErrorText(event.data()), provider, model);
            case "done" -> {
                String reason = reason(event.data());
                if (reason != null && !reason.isEmpty()) {
                    throw ReplicateResponseMapper.failure("canceled".equals(reason) ? "canceled" : "failed", null, provider, model);
                }
                done = true;
                List<ChatChunk> out = new ArrayList<>(2);
                if (!started) {
                    out.add(content(""));
                }
                out.add(ChatChunk.of(id, created, model, ChatChunk.Delta.EMPTY, FinishReason.STOP));
                return out;
            }
            default -> {
                return List.of();
            }
        }
    }

    /** A whole answer as chunks, for predictions without a stream URL (or already finished). */
    public List<ChatChunk> whole(String text, @Nullable Usage usage) {
        List<ChatChunk> out = new ArrayList<>(3);
        out.add(content(text));
        out.add(ChatChunk.of(id, created, model, ChatChunk.Delta.EMPTY, FinishReason.STOP));
        if (usage != null) {
            out.add(usageChunk(usage));
        }
        done = true;
        return out;
    }

    public ChatChunk usageChunk(Usage usage) {
        return ChatChunk.of(id, created, model, List.of(), usage);
    }

    private ChatChunk content(String text) {
        ChatChunk.Delta delta = new ChatChunk.Delta(started ? null : "assistant", text, null, null, null, null);
        started = true;
        return ChatChunk.of(id, created, model, delta, null);
    }

    /** {@code done}'s data is {@code {}} on success, {@code {"reason":"canceled"|"error"}} otherwise. */
    private static @Nullable String reason(String data) {
        if (data.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.tree(data);
            return Json.text(node, "reason");
        } catch (JacksonException e) {
            return null;
        }
    }
}
