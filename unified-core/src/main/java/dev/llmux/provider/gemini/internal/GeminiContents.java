package dev.llmux.provider.gemini.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code messages} → Gemini {@code systemInstruction} + {@code contents}. Pure; a message Gemini cannot
 * express fails with {@link IllegalArgumentException} naming it.
 *
 * <ul>
 *   <li>System and developer messages, wherever they stand, join {@code systemInstruction}.
 *   <li>Roles become {@code user}/{@code model}; tool results are {@code functionResponse} parts of a user turn;
 *       consecutive turns of one role merge (Gemini wants all answers to parallel calls in one turn).
 *   <li>Tool messages carry only {@code tool_call_id}, Gemini needs the function name: it comes from the
 *       assistant tool calls earlier in the history.
 *   <li>{@code thoughtSignature}s return where they came from: a function call's from its id
 *       ({@link ToolCallIds}); a signature on text (a {@code thinking_blocks} entry) on the turn's last text part.
 *       Thought text itself is not sent back: Gemini ignores it in history and it would cost input tokens.
 *   <li>Images: {@code data:} URLs become {@code inlineData}; {@code gs://} and {@code http(s)://} URLs become
 *       {@code fileData} with a MIME type guessed from the extension. Unlike LiteLLM, llmux does not download
 *       remote images itself (no blocking fetch, no server-side request forgery through a gateway); Google
 *       fetches public URLs.
 * </ul>
 */
final class GeminiContents {

    /** @param system the systemInstruction, or null; @param contents the turns */
    record Result(@Nullable ObjectNode system, ArrayNode contents) {}

    private GeminiContents() {}

    static Result map(List<ChatMessage> messages) {
        Map<String, String> namesById = new HashMap<>();
        for (ChatMessage m : messages) {
            if (m instanceof ChatMessage.AssistantMessage a) {
                for (ToolCall call : a.toolCallsOrEmpty()) {
                    if (call.id() != null && call.name() != null) {
                        namesById.put(call.id(), call.name());
                    }
                }
            }
        }
        ArrayNode systemParts = Json.MAPPER.createArrayNode();
        ArrayNode contents = Json.MAPPER.createArrayNode();
        for (ChatMessage m : messages) {
            if (m instanceof ChatMessage.SystemMessage s) {
                addText(systemParts, s.content());
            } else if (m instanceof ChatMessage.DeveloperMessage d) {
                addText(systemParts, d.content());
            } else if (m instanceof ChatMessage.UserMessage u) {
                append(contents, "user", userParts(u.content()));
            } else if (m instanceof ChatMessage.AssistantMessage a) {
                append(contents, "model", modelParts(a));
            } else if (m instanceof ChatMessage.ToolMessage t) {
                append(contents, "user", functionResponse(t, namesById));
            } else {
                throw new IllegalArgumentException("Gemini cannot take a message with role '" + m.role() + "'");
            }
        }
        ObjectNode system = null;
        if (!systemParts.isEmpty()) {
            system = Json.object();
            system.set("parts", systemParts);
        }
        return new Result(system, contents);
    }

    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return; // Gemini rejects a turn without parts ("contents.parts must not be empty")
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asString())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode turn = contents.addObject();
        turn.put("role", role);
        turn.set("parts", parts);
    }

    private static void addText(ArrayNode parts, Content content) {
        for (ContentPart p : content.parts()) {
            if (p instanceof ContentPart.Text t) {
                text(parts, t.text());
            } else {
                throw new IllegalArgumentException("Gemini system instructions take text only, got a " + p.type() + " part");
            }
        }
    }

    private static void text(ArrayNode parts, String text) {
        if (!text.isEmpty()) { // Gemini rejects empty text parts
            parts.addObject().put("text", text);
        }
    }

    private static ArrayNode userParts(Content content) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        for (ContentPart p : content.parts()) {
            if (p instanceof ContentPart.Text t) {
                text(parts, t.text());
            } else if (p instanceof ContentPart.ImageUrl i) {
                media(parts, i.imageUrl().url(), i.imageUrl().mediaType(), i.imageUrl().base64Data(), "image/jpeg");
            } else if (p instanceof ContentPart.InputAudio a) {
                inline(parts, "audio/" + a.inputAudio().format().toLowerCase(Locale.ROOT), a.inputAudio().data());
            } else if (p instanceof ContentPart.File f) {
                file(parts, f.file());
            } else if (p instanceof ContentPart.Refusal r) {
                text(parts, r.refusal());
            } else {
                throw new IllegalArgumentException("Gemini cannot take a content part of type '" + p.type() + "'");
            }
        }
        return parts;
    }

    private static void file(ArrayNode parts, ContentPart.File.FileRef ref) {
        if (ref.fileData() != null) {
            String data = ref.fileData();
            if (data.startsWith("data:")) {
                ContentPart.ImageUrl.Image asUrl = new ContentPart.ImageUrl.Image(data, null);
                inline(parts, asUrl.mediaType() == null ? MimeTypes.guess(ref.filename(), "application/pdf") : asUrl.mediaType(), asUrl.base64Data());
            } else {
                inline(parts, MimeTypes.guess(ref.filename(), "application/pdf"), data);
            }
        } else if (ref.fileId() != null) {
            ObjectNode fd = parts.addObject().putObject("fileData");
            fd.put("mimeType", MimeTypes.guess(ref.filename() != null ? ref.filename() : ref.fileId(), "application/pdf"));
            fd.put("fileUri", ref.fileId());
        } else {
            throw new IllegalArgumentException("a file part needs file_data or file_id");
        }
    }

    private static void media(ArrayNode parts, String url, @Nullable String mediaType, @Nullable String base64, String fallbackMime) {
        if (base64 != null) {
            inline(parts, mediaType == null ? fallbackMime : mediaType, base64);
            return;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("gs://") && !lower.startsWith("https://") && !lower.startsWith("http://")) {
            throw new IllegalArgumentException("Gemini takes data:, gs:// or http(s):// image URLs, got " + url.substring(0, Math.min(url.length(), 32)));
        }
        ObjectNode fd = parts.addObject().putObject("fileData");
        fd.put("mimeType", MimeTypes.guess(url, fallbackMime));
        fd.put("fileUri", url);
    }

    private static void inline(ArrayNode parts, String mimeType, @Nullable String data) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("inline " + mimeType + " data is empty");
        }
        ObjectNode id = parts.addObject().putObject("inlineData");
        id.put("mimeType", mimeType);
        id.put("data", data);
    }

    private static ArrayNode modelParts(ChatMessage.AssistantMessage a) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        if (a.content() != null) {
            for (ContentPart p : a.content().parts()) {
                if (p instanceof ContentPart.Text t) {
                    text(parts, t.text());
                } else if (p instanceof ContentPart.Refusal r) {
                    text(parts, r.refusal());
                } else {
                    throw new IllegalArgumentException("Gemini model turns take text only, got a " + p.type() + " part");
                }
            }
        }
        if (a.refusal() != null && (a.content() == null || a.content().text().isEmpty())) {
            text(parts, a.refusal());
        }
        String textSignature = lastSignature(a.thinkingBlocks());
        if (textSignature != null && !parts.isEmpty()) {
            ((ObjectNode) parts.get(parts.size() - 1)).put("thoughtSignature", textSignature);
        }
        for (ToolCall call : a.toolCallsOrEmpty()) {
            if (call.name() == null) {
                throw new IllegalArgumentException("assistant tool call " + call.id() + " has no function name");
            }
            ObjectNode part = parts.addObject();
            ObjectNode fc = part.putObject("functionCall");
            fc.put("name", call.name());
            fc.set("args", arguments(call));
            String signature = ToolCallIds.signature(call.id());
            if (signature != null) {
                part.put("thoughtSignature", signature);
            }
        }
        return parts;
    }

    /** The signature of the last signed, non-redacted thinking block: the one Gemini put on the final part. */
    private static @Nullable String lastSignature(@Nullable List<ThinkingBlock> blocks) {
        String signature = null;
        if (blocks != null) {
            for (ThinkingBlock b : blocks) {
                if (!b.isRedacted() && b.signature() != null && !b.signature().isEmpty()) {
                    signature = b.signature();
                }
            }
        }
        return signature;
    }

    private static JsonNode arguments(ToolCall call) {
        String args = call.arguments();
        if (args == null || args.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.tree(args);
            if (!node.isObject()) {
                throw new IllegalArgumentException("arguments of tool call " + call.id() + " (" + call.name() + ") must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("arguments of tool call " + call.id() + " (" + call.name() + ") are not valid JSON", e);
        }
    }

    private static ArrayNode functionResponse(ChatMessage.ToolMessage t, Map<String, String> namesById) {
        String name = namesById.get(t.toolCallId());
        if (name == null) {
            name = t.name();
        }
        if (name == null) {
            throw new IllegalArgumentException("tool message answers tool_call_id " + t.toolCallId()
                    + ", which no assistant message in the history made; Gemini needs the function name");
        }
        ArrayNode parts = Json.MAPPER.createArrayNode();
        ObjectNode fr = parts.addObject().putObject("functionResponse");
        fr.put("name", name);
        fr.putObject("response").set("output", output(t.content().text()));
        return parts;
    }

    /** A JSON object or array result is passed as structure, anything else as the string it is. */
    private static JsonNode output(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return Json.tree(trimmed);
            } catch (JacksonException e) {
                // not JSON after all: send the text
            }
        }
        return Json.MAPPER.getNodeFactory().stringNode(text);
    }
}
