package dev.llmux.springai.internal;

import dev.llmux.api.CacheControl;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.internal.json.Json;
import dev.llmux.springai.LlmuxChatOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/** A Spring AI prompt and its merged options as an llmux (OpenAI-shaped) request. Pure functions. */
public final class PromptMapper {

    /** Assistant-message metadata keys llmux reads and writes. */
    public static final String REASONING_CONTENT = "reasoningContent";

    public static final String THINKING_BLOCKS = "thinkingBlocks";

    private PromptMapper() {}

    public static ChatRequest toLlmux(List<Message> messages, LlmuxChatOptions o) {
        if (o.getModel() == null || o.getModel().isBlank()) {
            throw new IllegalArgumentException("no model: set it in LlmuxChatOptions (a provider/model string or a router alias)");
        }
        ChatRequest.Builder b = ChatRequest.builder().model(o.getModel());
        for (Message m : messages) {
            addMessage(b, m);
        }
        b.temperature(o.getTemperature()).topP(o.getTopP()).maxTokens(o.getMaxTokens())
                .frequencyPenalty(o.getFrequencyPenalty()).presencePenalty(o.getPresencePenalty())
                .reasoningEffort(o.getReasoningEffort()).parallelToolCalls(o.getParallelToolCalls()).seed(o.getSeed()).user(o.getUser());
        if (o.getStopSequences() != null && !o.getStopSequences().isEmpty()) {
            b.stop(o.getStopSequences());
        }
        if (o.getTopK() != null) {
            b.extra("top_k", o.getTopK());
        }
        if (!o.getToolCallbacks().isEmpty()) {
            List<Tool> tools = new ArrayList<>();
            for (ToolCallback cb : o.getToolCallbacks()) {
                ToolDefinition def = cb.getToolDefinition();
                tools.add(new Tool("function", new Tool.Function(def.name(), def.description(), Json.toMap(Json.tree(def.inputSchema())), null), null));
            }
            b.tools(tools);
        }
        if (o.getToolChoice() != null) {
            b.toolChoice(switch (o.getToolChoice()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> ToolChoice.function(o.getToolChoice());
            });
        }
        if (o.getOutputSchema() != null) {
            Map<String, Object> schema = new LinkedHashMap<>(Json.toMap(Json.tree(o.getOutputSchema())));
            schema.remove("$schema"); // a meta-schema URI some providers reject inside response_format
            b.responseFormat(ResponseFormat.jsonSchema("response", schema, true));
        }
        o.getExtraBody().forEach(b::extra);
        return b.build();
    }

    private static void addMessage(ChatRequest.Builder b, Message m) {
        if (m instanceof SystemMessage s) {
            b.message(dev.llmux.api.ChatMessage.system(s.getText()));
        } else if (m instanceof UserMessage u) {
            b.message(user(u));
        } else if (m instanceof AssistantMessage a) {
            b.message(assistant(a));
        } else if (m instanceof ToolResponseMessage t) {
            for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
                b.message(new dev.llmux.api.ChatMessage.ToolMessage(r.id(), Content.of(r.responseData() == null ? "" : r.responseData()),
                        r.name(), null));
            }
        } else {
            throw new IllegalArgumentException("llmux cannot send a Spring AI " + m.getMessageType() + " message");
        }
    }

    private static dev.llmux.api.ChatMessage user(UserMessage u) {
        if (u.getMedia().isEmpty()) {
            return dev.llmux.api.ChatMessage.user(u.getText());
        }
        List<ContentPart> parts = new ArrayList<>();
        if (u.getText() != null && !u.getText().isEmpty()) {
            parts.add(ContentPart.text(u.getText()));
        }
        for (Media media : u.getMedia()) {
            parts.add(part(media));
        }
        return new dev.llmux.api.ChatMessage.UserMessage(Content.of(parts), null, (CacheControl) null);
    }

    private static ContentPart part(Media media) {
        String mime = media.getMimeType().toString();
        String data = dataUrl(media, mime);
        if (mime.startsWith("image/")) {
            return ContentPart.imageUrl(data);
        }
        if (mime.startsWith("audio/")) {
            String b64 = data.substring(data.indexOf(',') + 1);
            return new ContentPart.InputAudio(new ContentPart.InputAudio.Audio(b64, media.getMimeType().getSubtype().replace("mpeg", "mp3")));
        }
        return new ContentPart.File(new ContentPart.File.FileRef(null, data, media.getName()));
    }

    private static String dataUrl(Media media, String mime) {
        Object d = media.getData();
        if (d instanceof URI uri) {
            return uri.toString();
        }
        if (d instanceof String s && (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("data:"))) {
            return s;
        }
        if (d instanceof String s) {
            return "data:" + mime + ";base64," + s;
        }
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(media.getDataAsByteArray());
    }

    private static dev.llmux.api.ChatMessage.AssistantMessage assistant(AssistantMessage a) {
        List<ToolCall> calls = new ArrayList<>();
        for (AssistantMessage.ToolCall tc : a.getToolCalls()) {
            calls.add(ToolCall.function(tc.id(), tc.name(), tc.arguments() == null || tc.arguments().isBlank() ? "{}" : tc.arguments()));
        }
        Object reasoning = a.getMetadata().get(REASONING_CONTENT);
        return dev.llmux.api.ChatMessage.AssistantMessage.builder()
                .content(a.getText() == null || a.getText().isEmpty() ? null : a.getText())
                .toolCalls(calls)
                .reasoningContent(reasoning instanceof String s && !s.isEmpty() ? s : null)
                .thinkingBlocks(thinkingBlocks(a.getMetadata().get(THINKING_BLOCKS)))
                .build();
    }

    private static @Nullable List<ThinkingBlock> thinkingBlocks(@Nullable Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<ThinkingBlock> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof ThinkingBlock tb) {
                out.add(tb);
            } else if (o instanceof Map<?, ?> m) {
                out.add(Json.convert(m, ThinkingBlock.class));
            }
        }
        return out;
    }
}
