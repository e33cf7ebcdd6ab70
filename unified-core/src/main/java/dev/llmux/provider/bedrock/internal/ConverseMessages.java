package dev.llmux.provider.bedrock.internal;

import dev.llmux.api.CacheControl;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatMessage.AssistantMessage;
import dev.llmux.api.ChatMessage.ToolMessage;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.json.Json;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI messages → Converse {@code system} blocks and alternating user/assistant {@code messages} (wire-formats
 * §5.2), pure: tool results become user content (consecutive ones merged into one turn), media must be inline
 * {@code data:} URLs, earlier reasoning is echoed first and unchanged, and {@code cache_control} markers become
 * {@code cachePoint} blocks after the content they close.
 */
final class ConverseMessages {

    private ConverseMessages() {}

    /** System and developer messages go to {@code system}; the rest become alternating user/assistant turns. */
    static ArrayNode messages(List<ChatMessage> messages, ArrayNode system) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode current = null;
        for (ChatMessage message : messages) {
            String role;
            ArrayNode blocks = Json.MAPPER.createArrayNode();
            if (message instanceof ChatMessage.SystemMessage s) {
                systemBlocks(s.content(), s.cacheControl(), system);
                continue;
            } else if (message instanceof ChatMessage.DeveloperMessage d) {
                systemBlocks(d.content(), d.cacheControl(), system);
                continue;
            } else if (message instanceof ChatMessage.UserMessage u) {
                role = "user";
                userBlocks(u.content(), blocks);
                addCachePoint(blocks, u.cacheControl());
            } else if (message instanceof ToolMessage t) {
                // Tool results are user content in Converse; consecutive ones merge into one user turn below.
                role = "user";
                blocks.add(toolResult(t));
                addCachePoint(blocks, t.cacheControl());
            } else if (message instanceof AssistantMessage a) {
                role = "assistant";
                assistantBlocks(a, blocks);
                addCachePoint(blocks, a.cacheControl());
            } else {
                throw new InvalidInput("Bedrock cannot take a message with role \"" + message.role() + "\"", "messages");
            }
            if (blocks.isEmpty()) {
                continue;
            }
            if (role.equals(lastRole)) {
                // Converse needs strictly alternating roles.
                current.addAll(blocks);
            } else {
                ObjectNode m = out.addObject();
                m.put("role", role);
                current = m.putArray("content");
                current.addAll(blocks);
                lastRole = role;
            }
        }
        return out;
    }

    private static void systemBlocks(Content content, @Nullable CacheControl messageCache, ArrayNode system) {
        for (ContentPart part : content.parts()) {
            if (!(part instanceof ContentPart.Text t)) {
                throw new InvalidInput("Bedrock system prompts take text only, not " + part.type(), "messages");
            }
            if (!t.text().isEmpty()) {
                system.addObject().put("text", t.text());
                addCachePoint(system, t.cacheControl());
            }
        }
        addCachePoint(system, messageCache);
    }

    private static void userBlocks(Content content, ArrayNode blocks) {
        int documents = 0;
        for (ContentPart part : content.parts()) {
            if (part instanceof ContentPart.Text t) {
                if (!t.text().isEmpty()) {
                    blocks.addObject().put("text", t.text());
                }
                addCachePoint(blocks, t.cacheControl());
            } else if (part instanceof ContentPart.ImageUrl i) {
                blocks.add(media(i.imageUrl().url(), null, ++documents));
            } else if (part instanceof ContentPart.File f) {
                ContentPart.File.FileRef ref = f.file();
                if (ref.fileData() == null) {
                    throw new InvalidInput("Bedrock cannot read OpenAI file ids; send the file inline as file_data (a data: URL)", "messages");
                }
                blocks.add(media(ref.fileData(), ref.filename(), ++documents));
            } else if (part instanceof ContentPart.InputAudio) {
                throw new InvalidInput("Bedrock Converse does not take input_audio content", "messages");
            } else {
                throw new InvalidInput("Bedrock cannot take a content part of type \"" + part.type() + "\"", "messages");
            }
        }
    }

    /** An image or document block from a {@code data:} URL; Bedrock does not fetch remote URLs. */
    static ObjectNode media(String url, @Nullable String filename, int ordinal) {
        if (!url.startsWith("data:")) {
            throw new InvalidInput("Bedrock does not fetch media URLs; send images and documents inline as a data: URL "
                    + "(data:<media type>;base64,<data>)", "messages");
        }
        ContentPart.ImageUrl.Image image = new ContentPart.ImageUrl.Image(url, null);
        String mediaType = image.mediaType();
        String data = image.base64Data();
        if (mediaType == null || data == null || !url.substring(0, url.indexOf(',')).endsWith(";base64")) {
            throw new InvalidInput("Bedrock media must be a base64 data: URL with a media type", "messages");
        }
        String mt = mediaType.toLowerCase(Locale.ROOT);
        ObjectNode block = Json.object();
        String imageFormat = switch (mt) {
            case "image/png" -> "png";
            case "image/jpeg", "image/jpg" -> "jpeg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> null;
        };
        if (imageFormat != null) {
            ObjectNode img = block.putObject("image");
            img.put("format", imageFormat);
            img.putObject("source").put("bytes", data);
            return block;
        }
        String docFormat = switch (mt) {
            case "application/pdf" -> "pdf";
            case "text/csv" -> "csv";
            case "application/msword" -> "doc";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
            case "application/vnd.ms-excel" -> "xls";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "xlsx";
            case "text/html" -> "html";
            case "text/plain" -> "txt";
            case "text/markdown" -> "md";
            default -> throw new InvalidInput("Bedrock cannot take media of type " + mediaType
                    + " (images: png, jpeg, gif, webp; documents: pdf, csv, doc, docx, xls, xlsx, html, txt, md)", "messages");
        };
        ObjectNode doc = block.putObject("document");
        doc.put("format", docFormat);
        doc.put("name", documentName(filename, ordinal));
        doc.putObject("source").put("bytes", data);
        return block;
    }

    /**
     * Bedrock requires a document name of letters, digits, single spaces, hyphens, parentheses and square brackets,
     * unique within the request: the file name without extension, cleaned, else {@code document-N} (N counts the
     * message's media parts).
     */
    static String documentName(@Nullable String filename, int ordinal) {
        if (filename != null) {
            String stem = filename.contains(".") ? filename.substring(0, filename.lastIndexOf('.')) : filename;
            String clean = stem.replaceAll("[^A-Za-z0-9\\-()\\[\\] ]", " ").replaceAll("\\s+", " ").strip();
            if (!clean.isEmpty()) {
                return clean;
            }
        }
        return "document-" + ordinal;
    }

    private static ObjectNode toolResult(ToolMessage t) {
        ObjectNode block = Json.object();
        ObjectNode result = block.putObject("toolResult");
        result.put("toolUseId", t.toolCallId());
        ArrayNode content = result.putArray("content");
        int ordinal = 0;
        for (ContentPart part : t.content().parts()) {
            if (part instanceof ContentPart.Text x) {
                content.addObject().put("text", x.text());
            } else if (part instanceof ContentPart.ImageUrl i) {
                content.add(media(i.imageUrl().url(), null, ++ordinal));
            } else {
                throw new InvalidInput("Bedrock tool results take text and images, not " + part.type(), "messages");
            }
        }
        if (content.isEmpty()) {
            content.addObject().put("text", "");
        }
        return block;
    }

    private static void assistantBlocks(AssistantMessage a, ArrayNode blocks) {
        // Reasoning goes first and unchanged: Bedrock verifies the signature of earlier thinking.
        if (a.thinkingBlocks() != null) {
            for (ThinkingBlock tb : a.thinkingBlocks()) {
                ObjectNode rc = blocks.addObject().putObject("reasoningContent");
                if (tb.isRedacted()) {
                    rc.put("redactedContent", tb.data());
                } else {
                    ObjectNode rt = rc.putObject("reasoningText");
                    rt.put("text", tb.thinking() == null ? "" : tb.thinking());
                    if (tb.signature() != null) {
                        rt.put("signature", tb.signature());
                    }
                }
            }
        }
        if (a.content() != null) {
            for (ContentPart part : a.content().parts()) {
                if (part instanceof ContentPart.Text t) {
                    if (!t.text().isEmpty()) {
                        blocks.addObject().put("text", t.text());
                    }
                    addCachePoint(blocks, t.cacheControl());
                } else if (!(part instanceof ContentPart.Refusal)) {
                    throw new InvalidInput("Bedrock assistant turns take text, not " + part.type(), "messages");
                }
            }
        }
        for (ToolCall call : a.toolCallsOrEmpty()) {
            if (call.id() == null || call.name() == null) {
                throw new InvalidInput("an assistant tool call needs an id and a function name", "messages");
            }
            ObjectNode use = blocks.addObject().putObject("toolUse");
            use.put("toolUseId", call.id());
            use.put("name", call.name());
            use.set("input", arguments(call));
        }
    }

    private static JsonNode arguments(ToolCall call) {
        String args = call.arguments();
        if (args == null || args.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.tree(args);
            if (!node.isObject()) {
                throw new InvalidInput("tool call " + call.id() + " has arguments that are not a JSON object", "messages");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInput("tool call " + call.id() + " has arguments that are not valid JSON", "messages");
        }
    }

    static boolean hasToolBlocks(List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            if (m instanceof ToolMessage || (m instanceof AssistantMessage a && !a.toolCallsOrEmpty().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private static void addCachePoint(ArrayNode blocks, @Nullable CacheControl cache) {
        if (cache != null) {
            blocks.add(cachePoint(cache));
        }
    }

    static ObjectNode cachePoint(CacheControl cache) {
        ObjectNode block = Json.object();
        ObjectNode cp = block.putObject("cachePoint");
        cp.put("type", "default");
        if (cache.ttl() != null) {
            cp.put("ttl", cache.ttl());
        }
        return block;
    }
}
