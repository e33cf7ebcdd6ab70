package dev.llmux.provider.cohere.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.UnsupportedParamsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Pure functions from OpenAI-shaped requests to Cohere's v2 bodies. */
public final class CohereRequestMapper {

    /** Cohere's default {@code input_type} here: embeddings are most often made to be searched. */
    public static final String DEFAULT_INPUT_TYPE = "search_document";

    private CohereRequestMapper() {}

    /**
     * The {@code /v2/chat} body.
     *
     * @throws BadRequestException for content Cohere cannot take (audio, files) or an unknown role
     * @throws UnsupportedParamsException for a named {@code tool_choice}: Cohere can force "some tool", not one
     */
    public static CohereWire.ChatRequest toChat(ChatRequest r, String provider, String model, boolean stream) {
        Map<String, Object> extra = r.extra();
        return new CohereWire.ChatRequest(
                model,
                messages(r.messages(), provider, model),
                tools(r.toolsOrEmpty()),
                strictTools(r.toolsOrEmpty()),
                toolChoice(r.toolChoice(), provider, model),
                responseFormat(r.responseFormat()),
                extra.get("documents"),
                extra.get("citation_options"),
                extra.get("safety_mode"),
                thinking(r),
                r.temperature(),
                r.topP(),
                extra.containsKey("top_k") ? extra.get("top_k") : extra.get("k"),
                r.maxOutputTokens(),
                r.stop(),
                r.seed(),
                r.frequencyPenalty(),
                r.presencePenalty(),
                stream);
    }

    /** The {@code /v2/embed} body; {@code input_type} comes from the request's extra field, else {@value #DEFAULT_INPUT_TYPE}. */
    public static CohereWire.EmbedRequest toEmbed(EmbeddingRequest request, String provider, String model) {
        if (request.input().texts().isEmpty()) {
            throw new BadRequestException(provider + " embeds text only; token-array input is not supported",
                    ErrorDetails.of(provider, model, 400).withType("invalid_request_error", null, "input"));
        }
        Object inputType = request.extra().get("input_type");
        return new CohereWire.EmbedRequest(model, request.input().texts(),
                inputType instanceof String s ? s : DEFAULT_INPUT_TYPE, List.of("float"), request.dimensions(),
                request.extra().get("truncate"));
    }

    private static List<CohereWire.Message> messages(List<ChatMessage> in, String provider, String model) {
        List<CohereWire.Message> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            ChatMessage m = in.get(i);
            String where = "messages[" + i + "]";
            if (m instanceof ChatMessage.SystemMessage s) {
                out.add(new CohereWire.Message("system", null, content(s.content(), false, provider, model, where), null, null));
            } else if (m instanceof ChatMessage.DeveloperMessage d) {
                out.add(new CohereWire.Message("system", null, content(d.content(), false, provider, model, where), null, null));
            } else if (m instanceof ChatMessage.UserMessage u) {
                out.add(new CohereWire.Message("user", null, content(u.content(), true, provider, model, where), null, null));
            } else if (m instanceof ChatMessage.AssistantMessage a) {
                out.add(assistant(a, provider, model, where));
            } else if (m instanceof ChatMessage.ToolMessage t) {
                out.add(new CohereWire.Message("tool", t.toolCallId(), content(t.content(), false, provider, model, where), null, null));
            } else {
                throw bad(provider, model, "message role \"" + m.role() + "\" is not supported", where);
            }
        }
        return out;
    }

    /** A plain string stays a string; parts become Cohere's items (images only where {@code images} allows). */
    private static Object content(Content content, boolean images, String provider, String model, String where) {
        if (content.plainString()) {
            return content.text();
        }
        List<CohereWire.ContentItem> items = new ArrayList<>();
        for (ContentPart part : content.parts()) {
            if (part instanceof ContentPart.Text t) {
                items.add(CohereWire.ContentItem.text(t.text()));
            } else if (images && part instanceof ContentPart.ImageUrl img) {
                items.add(new CohereWire.ContentItem("image_url", null, null,
                        new CohereWire.ImageUrl(img.imageUrl().url(), img.imageUrl().detail())));
            } else {
                throw bad(provider, model, where + " has a " + part.type() + " part, which Cohere does not take there",
                        where + ".content");
            }
        }
        return items;
    }

    /**
     * Text beside tool calls is Cohere's {@code tool_plan} (the reverse of the response mapping); reasoning goes
     * back as a {@code thinking} item so a multi-turn tool loop keeps it.
     */
    private static CohereWire.Message assistant(ChatMessage.AssistantMessage a, String provider, String model, String where) {
        String text = a.content() == null ? null : a.content().text();
        if (a.content() != null && !a.content().isTextOnly()) {
            throw bad(provider, model, where + " may hold only text parts", where + ".content");
        }
        List<CohereWire.ToolCall> calls = null;
        if (!a.toolCallsOrEmpty().isEmpty()) {
            calls = new ArrayList<>();
            for (ToolCall tc : a.toolCallsOrEmpty()) {
                calls.add(new CohereWire.ToolCall(tc.id(), "function", new CohereWire.Function(tc.name(),
                        tc.arguments() == null || tc.arguments().isEmpty() ? "{}" : tc.arguments())));
            }
            return new CohereWire.Message("assistant", null, null, text == null || text.isEmpty() ? null : text, calls);
        }
        String reasoning = a.reasoningContent();
        if (reasoning != null && !reasoning.isEmpty()) {
            List<CohereWire.ContentItem> items = new ArrayList<>();
            items.add(CohereWire.ContentItem.thinking(reasoning));
            if (text != null) {
                items.add(CohereWire.ContentItem.text(text));
            }
            return new CohereWire.Message("assistant", null, items, null, null);
        }
        return new CohereWire.Message("assistant", null, text == null ? "" : text, null, null);
    }

    private static @Nullable List<CohereWire.Tool> tools(List<Tool> tools) {
        if (tools.isEmpty()) {
            return null;
        }
        List<CohereWire.Tool> out = new ArrayList<>();
        for (Tool t : tools) {
            out.add(new CohereWire.Tool("function", new CohereWire.ToolFunction(t.function().name(), t.function().description(),
                    t.function().parameters())));
        }
        return out;
    }

    /** Cohere's strictness is per request, so it is on only when every tool asked for it. */
    private static @Nullable Boolean strictTools(List<Tool> tools) {
        return !tools.isEmpty() && tools.stream().allMatch(t -> Boolean.TRUE.equals(t.function().strict())) ? Boolean.TRUE : null;
    }

    private static @Nullable String toolChoice(@Nullable ToolChoice choice, String provider, String model) {
        if (choice == null || choice.isAuto()) {
            return null;
        }
        if (choice.isNone()) {
            return "NONE";
        }
        if (choice.isRequired()) {
            return "REQUIRED";
        }
        throw new UnsupportedParamsException(provider + " cannot force one named tool (tool_choice " + choice.mode()
                + "); use required, auto or none, or drop tool_choice",
                ErrorDetails.of(provider, model, 400).withType("invalid_request_error", "unsupported_params", "tool_choice"));
    }

    private static @Nullable Map<String, Object> responseFormat(@Nullable ResponseFormat rf) {
        if (rf == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (rf.isJsonSchema()) {
            out.put("type", "json_object");
            if (rf.jsonSchema().schema() != null) {
                out.put("json_schema", rf.jsonSchema().schema());
            }
        } else {
            out.put("type", rf.isJsonObject() ? "json_object" : "text");
        }
        return out;
    }

    /** An explicit extra {@code thinking} object wins; else {@code reasoning_effort} switches thinking on or off. */
    private static @Nullable Object thinking(ChatRequest r) {
        Object explicit = r.extra().get("thinking");
        if (explicit != null) {
            return explicit;
        }
        if (r.reasoningEffort() == null) {
            return null;
        }
        // Cohere sizes thinking by a token budget, not by effort; without a budget the model chooses its own.
        return Map.of("type", "none".equals(r.reasoningEffort()) ? "disabled" : "enabled");
    }

    private static BadRequestException bad(String provider, String model, String message, String param) {
        return new BadRequestException(provider + ": " + message,
                ErrorDetails.of(provider, model, 400).withType("invalid_request_error", null, param));
    }
}
