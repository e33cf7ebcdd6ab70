package dev.llmux.provider.mock.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatChunk.ChunkChoice;
import dev.llmux.api.ChatChunk.Delta;
import dev.llmux.api.ChatMessage.AssistantMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds the mock's answer, whole or as chunks, from a {@link MockAnswer}. Pure functions of their inputs. */
public final class MockResponder {

    /** Words per streamed text chunk: small enough that even a short answer arrives in several chunks. */
    private static final int WORDS_PER_CHUNK = 2;

    private MockResponder() {}

    public static ChatResponse response(ChatRequest request, String model, long createdSeconds, MockAnswer answer) {
        Reply reply = reply(request, answer);
        int n = request.n() == null ? 1 : request.n();
        List<Choice> choices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AssistantMessage message = AssistantMessage.builder().content(reply.text()).toolCalls(reply.calls()).build();
            choices.add(new Choice(i, message, null, reply.finish()));
        }
        Usage usage = usage(request, reply, n);
        return ChatResponse.of(id(), createdSeconds, model, choices, usage);
    }

    public static List<ChatChunk> chunks(ChatRequest request, String model, long createdSeconds, MockAnswer answer) {
        Reply reply = reply(request, answer);
        String id = id();
        List<ChatChunk> out = new ArrayList<>();
        out.add(ChatChunk.of(id, createdSeconds, model, new Delta("assistant", reply.calls() == null ? "" : null, null, null, null, null), null));
        if (reply.text() != null) {
            for (String piece : pieces(reply.text())) {
                out.add(ChatChunk.of(id, createdSeconds, model, Delta.content(piece), null));
            }
        }
        if (reply.calls() != null) {
            for (int i = 0; i < reply.calls().size(); i++) {
                ToolCall call = reply.calls().get(i);
                String args = call.arguments() == null ? "" : call.arguments();
                int half = args.length() / 2;
                out.add(ChatChunk.of(id, createdSeconds, model,
                        Delta.toolCalls(List.of(new ToolCall(i, call.id(), "function", new ToolCall.FunctionCall(call.name(), args.substring(0, half))))), null));
                out.add(ChatChunk.of(id, createdSeconds, model,
                        Delta.toolCalls(List.of(new ToolCall(i, null, null, new ToolCall.FunctionCall(null, args.substring(half))))), null));
            }
        }
        out.add(ChatChunk.of(id, createdSeconds, model, List.of(new ChunkChoice(0, Delta.EMPTY, null, reply.finish())), null));
        out.add(ChatChunk.of(id, createdSeconds, model, List.of(), usage(request, reply, 1)));
        return out;
    }

    private record Reply(@Nullable String text, @Nullable List<ToolCall> calls, FinishReason finish, int completionTokens) {}

    private static Reply reply(ChatRequest request, MockAnswer answer) {
        if (answer instanceof MockAnswer.Failure f) {
            throw f.error();
        }
        if (answer instanceof MockAnswer.ToolCalls c) {
            int tokens = 0;
            for (ToolCall call : c.calls()) {
                tokens += TokenEstimate.ofText(call.name() + (call.arguments() == null ? "" : call.arguments()));
            }
            return new Reply(null, c.calls(), FinishReason.TOOL_CALLS, tokens);
        }
        return text(request, ((MockAnswer.Text) answer).text());
    }

    /** The text, cut to the request's output limit the way a model would stop: at the limit, with {@code length}. */
    private static Reply text(ChatRequest request, String text) {
        int tokens = TokenEstimate.ofText(text);
        Integer limit = request.maxOutputTokens();
        if (limit != null && tokens > limit) {
            return new Reply(text.substring(0, Math.min(text.length(), limit * 4)), null, FinishReason.LENGTH, limit);
        }
        return new Reply(text, null, FinishReason.STOP, tokens);
    }

    private static Usage usage(ChatRequest request, Reply reply, int choices) {
        return Usage.of(TokenEstimate.ofPrompt(request), reply.completionTokens() * choices);
    }

    /** Splits text into pieces of a few words, keeping every character (spaces travel with the word before them). */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            piece.append(c);
            boolean wordEnds = Character.isWhitespace(c) && (i + 1 == text.length() || !Character.isWhitespace(text.charAt(i + 1)));
            if (wordEnds && ++words == WORDS_PER_CHUNK) {
                out.add(piece.toString());
                piece.setLength(0);
                words = 0;
            }
        }
        if (!piece.isEmpty()) {
            out.add(piece.toString());
        }
        return out;
    }

    private static String id() {
        return "chatcmpl-mock-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
