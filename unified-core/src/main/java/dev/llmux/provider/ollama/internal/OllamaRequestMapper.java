package dev.llmux.provider.ollama.internal;

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
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Pure functions from OpenAI-shaped requests to Ollama's native bodies. */
public final class OllamaRequestMapper {

    /**
     * Extra request fields copied into {@code options} as they are: Ollama's own sampling knobs, which OpenAI's
     * schema has no name for.
     */
    private static final List<String> EXTRA_OPTIONS = List.of(
            "top_k", "num_ctx", "min_p", "typical_p", "repeat_penalty", "repeat_last_n", "mirostat", "mirostat_eta",
            "mirostat_tau", "num_keep", "num_batch", "num_gpu", "num_thread");

    private OllamaRequestMapper() {}

    /**
     * The {@code /api/chat} body for {@code request}.
     *
     * @param keepAliveSetting the deployment's {@code keep_alive} setting, used when the request has none
     * @throws BadRequestException for input Ollama cannot take (a remote image URL, audio, files, bad tool arguments)
     * @throws UnsupportedParamsException for a {@code tool_choice} that forces a tool: Ollama cannot force one
     */
    public static OllamaWire.ChatRequest toChat(ChatRequest request, String provider, String model, boolean stream,
            @Nullable String keepAliveSetting) {
        Ctx ctx = new Ctx(provider, model);
        List<OllamaWire.Message> messages = messages(request.messages(), ctx);
        List<OllamaWire.Tool> tools = tools(request, ctx);
        Object keepAlive = request.extra().containsKey("keep_alive") ? request.extra().get("keep_alive") : keepAliveSetting;
        return new OllamaWire.ChatRequest(model, messages, tools, format(request.responseFormat()), options(request), stream,
                keepAlive, think(request));
    }

    /** The {@code /api/embed} body; token-array input is refused because Ollama embeds text only. */
    public static OllamaWire.EmbedRequest toEmbed(EmbeddingRequest request, String provider, String model,
            @Nullable String keepAliveSetting) {
        EmbeddingRequest.Input in = request.input();
        if (in.texts().isEmpty()) {
            throw new BadRequestException(provider + " embeds text only; token-array input is not supported",
                    ErrorDetails.of(provider, model, 400).withType("invalid_request_error", null, "input"));
        }
        Object input = in.single() ? in.texts().get(0) : in.texts();
        Object keepAlive = request.extra().containsKey("keep_alive") ? request.extra().get("keep_alive") : keepAliveSetting;
        Boolean truncate = request.extra().get("truncate") instanceof Boolean b ? b : null;
        return new OllamaWire.EmbedRequest(model, input, truncate, request.dimensions(), keepAlive);
    }

    private record Ctx(String provider, String model, Map<String, String> toolNames) {
        Ctx(String provider, String model) {
            this(provider, model, new HashMap<>());
        }

        BadRequestException bad(String message, @Nullable String param) {
            return new BadRequestException(provider + ": " + message,
                    ErrorDetails.of(provider, model, 400).withType("invalid_request_error", null, param));
        }
    }

    private static List<OllamaWire.Message> messages(List<ChatMessage> in, Ctx ctx) {
        List<OllamaWire.Message> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            ChatMessage m = in.get(i);
            String where = "messages[" + i + "]";
            if (m instanceof ChatMessage.SystemMessage s) {
                out.add(text("system", s.content(), ctx, where));
            } else if (m instanceof ChatMessage.DeveloperMessage d) {
                // Ollama has no developer role; it is the system prompt of newer OpenAI models.
                out.add(text("system", d.content(), ctx, where));
            } else if (m instanceof ChatMessage.UserMessage u) {
                out.add(user(u, ctx, where));
            } else if (m instanceof ChatMessage.AssistantMessage a) {
                out.add(assistant(a, ctx, where));
            } else if (m instanceof ChatMessage.ToolMessage t) {
                out.add(new OllamaWire.Message("tool", textOnly(t.content(), ctx, where), null, null, null,
                        ctx.toolNames().getOrDefault(t.toolCallId(), t.name()), t.toolCallId()));
            } else {
                throw ctx.bad("message role \"" + m.role() + "\" is not supported", where);
            }
        }
        return out;
    }

    private static OllamaWire.Message text(String role, Content content, Ctx ctx, String where) {
        return new OllamaWire.Message(role, textOnly(content, ctx, where), null, null, null, null, null);
    }

    private static String textOnly(Content content, Ctx ctx, String where) {
        if (!content.isTextOnly()) {
            throw ctx.bad(where + " may hold only text parts", where + ".content");
        }
        return content.text();
    }

    private static OllamaWire.Message user(ChatMessage.UserMessage u, Ctx ctx, String where) {
        StringBuilder text = new StringBuilder();
        List<String> images = new ArrayList<>();
        for (ContentPart part : u.content().parts()) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text());
            } else if (part instanceof ContentPart.ImageUrl img) {
                if (!img.imageUrl().isData() || img.imageUrl().base64Data() == null) {
                    // Fetching would make llmux fetch any URL a caller names; Ollama itself takes no URLs.
                    throw ctx.bad(where + " has a remote image URL; Ollama takes images only as base64, so pass a "
                            + "data:<mime>;base64,<data> URL", where + ".content");
                }
                images.add(img.imageUrl().base64Data());
            } else {
                throw ctx.bad(where + " has a " + part.type() + " part; Ollama takes text and base64 images only",
                        where + ".content");
            }
        }
        return new OllamaWire.Message("user", text.toString(), null, images.isEmpty() ? null : images, null, null, null);
    }

    private static OllamaWire.Message assistant(ChatMessage.AssistantMessage a, Ctx ctx, String where) {
        List<OllamaWire.ToolCall> calls = null;
        if (!a.toolCallsOrEmpty().isEmpty()) {
            calls = new ArrayList<>();
            for (ToolCall tc : a.toolCallsOrEmpty()) {
                if (tc.name() == null) {
                    throw ctx.bad(where + " has a tool call without a function name", where + ".tool_calls");
                }
                if (tc.id() != null) {
                    ctx.toolNames().put(tc.id(), tc.name());
                }
                calls.add(new OllamaWire.ToolCall(tc.id(), new OllamaWire.Function(null, tc.name(), arguments(tc, ctx, where))));
            }
        }
        String content = a.content() == null ? "" : textOnly(a.content(), ctx, where);
        return new OllamaWire.Message("assistant", content, a.reasoningContent(), null, calls, null, null);
    }

    private static JsonNode arguments(ToolCall tc, Ctx ctx, String where) {
        String args = tc.arguments();
        if (args == null || args.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.tree(args);
            if (!node.isObject()) {
                throw ctx.bad(where + " tool call " + tc.id() + " has arguments that are not a JSON object", where + ".tool_calls");
            }
            return node;
        } catch (JacksonException e) {
            throw ctx.bad(where + " tool call " + tc.id() + " has arguments that are not valid JSON", where + ".tool_calls");
        }
    }

    private static @Nullable List<OllamaWire.Tool> tools(ChatRequest request, Ctx ctx) {
        ToolChoice choice = request.toolChoice();
        if (request.toolsOrEmpty().isEmpty() || choice != null && choice.isNone()) {
            return null; // "none": the model cannot call what it is not shown
        }
        if (choice != null && !choice.isAuto()) {
            throw new UnsupportedParamsException(ctx.provider() + " cannot force a tool call (tool_choice " + choice.mode()
                    + "); use auto or none, or drop tool_choice",
                    ErrorDetails.of(ctx.provider(), ctx.model(), 400).withType("invalid_request_error", "unsupported_params", "tool_choice"));
        }
        List<OllamaWire.Tool> out = new ArrayList<>();
        for (Tool t : request.toolsOrEmpty()) {
            out.add(new OllamaWire.Tool(t.type(), new OllamaWire.ToolFunction(t.function().name(), t.function().description(),
                    t.function().parameters())));
        }
        return out;
    }

    private static @Nullable Object format(@Nullable ResponseFormat rf) {
        if (rf == null) {
            return null;
        }
        if (rf.isJsonSchema()) {
            Map<String, Object> schema = rf.jsonSchema().schema();
            return schema == null ? "json" : schema;
        }
        return rf.isJsonObject() ? "json" : null;
    }

    private static @Nullable Map<String, Object> options(ChatRequest r) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (r.extra().get("options") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> o.put(String.valueOf(k), v)); // explicit native options first; OpenAI fields win
        }
        putIf(o, "temperature", r.temperature());
        putIf(o, "top_p", r.topP());
        putIf(o, "num_predict", r.maxOutputTokens());
        putIf(o, "stop", r.stop());
        putIf(o, "seed", r.seed());
        putIf(o, "presence_penalty", r.presencePenalty());
        putIf(o, "frequency_penalty", r.frequencyPenalty());
        for (String name : EXTRA_OPTIONS) {
            putIf(o, name, r.extra().get(name));
        }
        return o.isEmpty() ? null : o;
    }

    private static void putIf(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** {@code think}: an explicit extra {@code think} wins; else {@code reasoning_effort} maps to Ollama's levels. */
    private static @Nullable Object think(ChatRequest r) {
        Object explicit = r.extra().get("think");
        if (explicit instanceof Boolean || explicit instanceof String) {
            return explicit;
        }
        String effort = r.reasoningEffort();
        if (effort == null) {
            return null;
        }
        return switch (effort) {
            case "none" -> false;
            case "minimal", "low" -> "low";
            case "medium" -> "medium";
            case "xhigh", "high" -> "high";
            case "max" -> "max";
            default -> true;
        };
    }
}
