package dev.llmux.conformance;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A deliberately simple, independent re-assembly of choice 0, so the suite does not trust the code it checks. */
final class ChunkMerger {

    private ChunkMerger() {}

    static ChatResponse merge(List<ChatChunk> chunks) {
        StringBuilder text = new StringBuilder();
        TreeMap<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, args}
        FinishReason finish = null;
        Usage usage = null;
        String id = "";
        String model = "";
        for (ChatChunk chunk : chunks) {
            id = chunk.id();
            model = chunk.model();
            if (chunk.usage() != null) {
                usage = chunk.usage();
            }
            for (ChatChunk.ChunkChoice choice : chunk.choices()) {
                if (choice.index() != 0) {
                    continue;
                }
                if (choice.delta().content() != null) {
                    text.append(choice.delta().content());
                }
                if (choice.delta().toolCalls() != null) {
                    for (ToolCall tc : choice.delta().toolCalls()) {
                        int index = tc.index() == null ? calls.size() : tc.index();
                        String[] slot = calls.computeIfAbsent(index, k -> new String[] {null, null, ""});
                        if (tc.id() != null) {
                            slot[0] = tc.id();
                        }
                        if (tc.name() != null) {
                            slot[1] = tc.name();
                        }
                        if (tc.arguments() != null) {
                            slot[2] += tc.arguments();
                        }
                    }
                }
                if (choice.finishReason() != null) {
                    finish = choice.finishReason();
                }
            }
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        calls.values().forEach(s -> toolCalls.add(ToolCall.function(s[0], s[1], s[2])));
        ChatMessage.AssistantMessage message = ChatMessage.AssistantMessage.builder()
                .content(text.length() == 0 ? null : text.toString())
                .toolCalls(toolCalls)
                .build();
        return ChatResponse.of(id, 0, model, List.of(Choice.of(message, finish)), usage);
    }
}
