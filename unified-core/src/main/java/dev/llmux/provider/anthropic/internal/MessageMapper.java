package dev.llmux.provider.anthropic.internal;

import dev.llmux.api.CacheControl;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code messages} to Anthropic {@code system} + {@code messages}. Pure; throws {@link MappingException}
 * for input Anthropic cannot take.
 *
 * <p>Anthropic has only {@code user} and {@code assistant} turns and wants them to alternate, so: system and
 * developer messages become top-level {@code system} blocks; tool results become {@code tool_result} blocks in a
 * user turn; consecutive turns of the same role are merged into one. In a merged user turn the
 * {@code tool_result} blocks come first, since Anthropic requires the answer to a {@code tool_use} to open the
 * next user turn. Content is always sent as blocks (never a bare string) so merging and {@code cache_control}
 * need no special cases. Empty text blocks are dropped: Anthropic rejects them, and OpenAI histories often carry
 * an empty assistant text next to tool calls.
 */
public final class MessageMapper {

    static final String FILES_API_BETA = "files-api-2025-04-14";

    private MessageMapper() {}

    /** The mapped turns and what they imply for the request. */
    public record Mapped(@Nullable ArrayNode system, ArrayNode messages, boolean hasToolBlocks, Set<String> betas) {}

    public static Mapped map(List<ChatMessage> input) {
        ArrayNode system = Json.MAPPER.createArrayNode();
        List<Turn> turns = new ArrayList<>();
        boolean toolBlocks = false;
        Set<String> betas = new LinkedHashSet<>();
        for (ChatMessage m : input) {
            if (m instanceof ChatMessage.SystemMessage s) {
                system.addAll(systemBlocks(s.content(), s.cacheControl()));
            } else if (m instanceof ChatMessage.DeveloperMessage d) {
                system.addAll(systemBlocks(d.content(), d.cacheControl()));
            } else if (m instanceof ChatMessage.UserMessage u) {
                append(turns, "user", withCache(contentBlocks(u.content(), betas), u.cacheControl()), false);
            } else if (m instanceof ChatMessage.AssistantMessage a) {
                toolBlocks |= !a.toolCallsOrEmpty().isEmpty();
                append(turns, "assistant", withCache(assistantBlocks(a), a.cacheControl()), false);
            } else if (m instanceof ChatMessage.ToolMessage t) {
                toolBlocks = true;
                append(turns, "user", List.of(toolResult(t, betas)), true);
            } else {
                throw new MappingException("anthropic does not accept messages with role \"" + m.role() + "\"", "messages");
            }
        }
        ArrayNode messages = Json.MAPPER.createArrayNode();
        for (Turn t : turns) {
            ObjectNode msg = messages.addObject();
            msg.put("role", t.role());
            ArrayNode content = msg.putArray("content");
            t.toolResults().forEach(content::add);
            t.blocks().forEach(content::add);
        }
        return new Mapped(system.isEmpty() ? null : system, messages, toolBlocks, betas);
    }

    private record Turn(String role, List<ObjectNode> toolResults, List<ObjectNode> blocks) {}

    private static void append(List<Turn> turns, String role, List<ObjectNode> blocks, boolean toolResults) {
        if (blocks.isEmpty()) {
            return; // an empty turn would split two turns that must merge
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last == null || !last.role().equals(role)) {
            last = new Turn(role, new ArrayList<>(), new ArrayList<>());
            turns.add(last);
        }
        (toolResults ? last.toolResults() : last.blocks()).addAll(blocks);
    }

    private static List<ObjectNode> systemBlocks(Content content, @Nullable CacheControl messageCache) {
        List<ObjectNode> blocks = new ArrayList<>();
        for (ContentPart part : content.parts()) {
            if (!(part instanceof ContentPart.Text t)) {
                throw new MappingException("anthropic system prompts take only text, got a " + part.type() + " part", "messages");
            }
            if (!t.text().isEmpty()) {
                blocks.add(text(t.text(), t.cacheControl()));
            }
        }
        return withCache(blocks, messageCache);
    }

    /** A message-level {@code cache_control} marks the message's last block, as LiteLLM does. */
    private static List<ObjectNode> withCache(List<ObjectNode> blocks, @Nullable CacheControl cache) {
        if (cache != null && !blocks.isEmpty()) {
            blocks.get(blocks.size() - 1).set("cache_control", Json.valueToTree(cache));
        }
        return blocks;
    }

    static List<ObjectNode> contentBlocks(Content content, Set<String> betas) {
        List<ObjectNode> blocks = new ArrayList<>();
        for (ContentPart part : content.parts()) {
            ObjectNode block;
            if (part instanceof ContentPart.Text t) {
                block = t.text().isEmpty() ? null : text(t.text(), t.cacheControl());
            } else if (part instanceof ContentPart.ImageUrl i) {
                block = image(i.imageUrl());
            } else if (part instanceof ContentPart.File f) {
                block = document(f.file(), betas);
            } else if (part instanceof ContentPart.Refusal r) {
                block = r.refusal().isEmpty() ? null : text(r.refusal(), null);
            } else if (part instanceof ContentPart.Unknown u) {
                // an Anthropic-native block (document, search_result, container_upload, …) goes through as written
                block = (ObjectNode) Json.valueToTree(u.fields());
            } else {
                throw new MappingException("anthropic does not accept " + part.type() + " content", "messages");
            }
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static ObjectNode text(String text, @Nullable CacheControl cache) {
        ObjectNode block = Json.object().put("type", "text").put("text", text);
        if (cache != null) {
            block.set("cache_control", Json.valueToTree(cache));
        }
        return block;
    }

    private static ObjectNode image(ContentPart.ImageUrl.Image image) {
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (image.isData()) {
            String mediaType = image.mediaType();
            String data = image.base64Data();
            if (mediaType == null || data == null || !image.url().substring(0, image.url().indexOf(',')).endsWith(";base64")) {
                throw new MappingException("anthropic needs images as https URLs or base64 data: URLs", "messages");
            }
            source.put("type", "base64").put("media_type", mediaType).put("data", data);
        } else {
            source.put("type", "url").put("url", image.url());
        }
        return block;
    }

    /** OpenAI {@code file} parts: PDFs and plain text inline, uploaded files by id (Files API beta). */
    private static ObjectNode document(ContentPart.File.FileRef file, Set<String> betas) {
        ObjectNode block = Json.object().put("type", "document");
        ObjectNode source = block.putObject("source");
        if (file.fileData() != null) {
            String url = file.fileData();
            ContentPart.ImageUrl.Image asData = new ContentPart.ImageUrl.Image(url, null);
            String mediaType = asData.mediaType();
            String data = asData.base64Data();
            if (!asData.isData() || mediaType == null || data == null) {
                throw new MappingException("anthropic needs file_data as a base64 data: URL", "messages");
            }
            if (mediaType.startsWith("image/")) {
                return image(asData);
            }
            if (mediaType.equals("text/plain")) {
                String text = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
                source.put("type", "text").put("media_type", "text/plain").put("data", text);
            } else if (mediaType.equals("application/pdf")) {
                source.put("type", "base64").put("media_type", mediaType).put("data", data);
            } else {
                throw new MappingException("anthropic takes PDF, plain-text or image files, not " + mediaType, "messages");
            }
        } else if (file.fileId() != null) {
            source.put("type", "file").put("file_id", file.fileId());
            betas.add(FILES_API_BETA);
        } else {
            throw new MappingException("a file part needs file_data or file_id", "messages");
        }
        if (file.filename() != null) {
            block.put("title", file.filename());
        }
        return block;
    }

    /** Thinking blocks first (echoed unchanged, signatures included), then text, then tool calls. */
    private static List<ObjectNode> assistantBlocks(ChatMessage.AssistantMessage a) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (a.thinkingBlocks() != null) {
            for (ThinkingBlock tb : a.thinkingBlocks()) {
                blocks.add(thinking(tb));
            }
        }
        if (a.content() != null) {
            blocks.addAll(contentBlocks(a.content(), new HashSet<>()));
        }
        for (ToolCall call : a.toolCallsOrEmpty()) {
            if (call.id() == null || call.name() == null) {
                throw new MappingException("an assistant tool call needs an id and a function name", "messages");
            }
            ObjectNode block = Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
            block.set("input", arguments(call));
            blocks.add(block);
        }
        return blocks;
    }

    private static ObjectNode thinking(ThinkingBlock tb) {
        ObjectNode block = Json.object().put("type", tb.type());
        if (tb.isRedacted()) {
            block.put("data", tb.data());
        } else {
            block.put("thinking", tb.thinking() == null ? "" : tb.thinking());
            block.put("signature", tb.signature());
        }
        return block;
    }

    private static JsonNode arguments(ToolCall call) {
        String args = call.arguments();
        if (args == null || args.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.tree(args);
            if (!node.isObject()) {
                throw new MappingException("tool call " + call.id() + " arguments must be a JSON object, got " + node.getNodeType(), "messages");
            }
            return node;
        } catch (JacksonException e) {
            throw new MappingException("tool call " + call.id() + " arguments are not valid JSON: " + e.getOriginalMessage(), "messages");
        }
    }

    private static ObjectNode toolResult(ChatMessage.ToolMessage t, Set<String> betas) {
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", t.toolCallId());
        Content content = t.content();
        if (content.plainString()) {
            block.put("content", content.text());
        } else {
            ArrayNode parts = block.putArray("content");
            contentBlocks(content, betas).forEach(parts::add);
        }
        if (t.cacheControl() != null) {
            block.set("cache_control", Json.valueToTree(t.cacheControl()));
        }
        return block;
    }
}
