package dev.llmux.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.langchain4j.LlmuxChatRequestParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** LangChain4j requests as llmux (OpenAI-shaped) requests. Pure functions. */
public final class RequestMapper {

    /** The {@link AiMessage#attributes()} key under which llmux keeps a provider's signed thinking blocks. */
    public static final String THINKING_BLOCKS = "llmux.thinking_blocks";

    private RequestMapper() {}

    public static ChatRequest toLlmux(dev.langchain4j.model.chat.request.ChatRequest request) {
        ChatRequestParameters p = request.parameters();
        if (p.modelName() == null || p.modelName().isBlank()) {
            throw new IllegalArgumentException("no model name: set modelName on the llmux model's builder or in the request parameters");
        }
        ChatRequest.Builder b = ChatRequest.builder().model(p.modelName());
        for (dev.langchain4j.data.message.ChatMessage m : request.messages()) {
            b.message(message(m));
        }
        b.temperature(p.temperature()).topP(p.topP()).frequencyPenalty(p.frequencyPenalty()).presencePenalty(p.presencePenalty());
        if (p.topK() != null) {
            b.extra("top_k", p.topK());
        }
        if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
            b.stop(p.stopSequences());
        }
        if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
            List<Tool> tools = new ArrayList<>();
            for (ToolSpecification spec : p.toolSpecifications()) {
                tools.add(tool(spec));
            }
            b.tools(tools);
        }
        if (p.toolChoice() != null) {
            b.toolChoice(switch (p.toolChoice()) {
                case AUTO -> ToolChoice.AUTO;
                case REQUIRED -> ToolChoice.REQUIRED;
                case NONE -> ToolChoice.NONE;
            });
        }
        if (p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON) {
            var schema = p.responseFormat().jsonSchema();
            b.responseFormat(schema == null
                    ? ResponseFormat.JSON_OBJECT
                    : ResponseFormat.jsonSchema(safeName(schema.name()), SchemaMapper.toMap(schema.rootElement(), true), true));
        }
        if (p instanceof LlmuxChatRequestParameters lp) {
            b.reasoningEffort(lp.reasoningEffort()).parallelToolCalls(lp.parallelToolCalls()).seed(lp.seed()).user(lp.user());
            if (!lp.metadata().isEmpty()) {
                b.metadata(lp.metadata());
            }
            lp.customParameters().forEach(b::extra);
            if (lp.maxCompletionTokens() != null) {
                b.maxCompletionTokens(lp.maxCompletionTokens());
            }
        }
        if (p.maxOutputTokens() != null && !(p instanceof LlmuxChatRequestParameters lp2 && lp2.maxCompletionTokens() != null)) {
            b.maxTokens(p.maxOutputTokens());
        }
        return b.build();
    }

    private static String safeName(@Nullable String name) {
        String n = name == null || name.isBlank() ? "response" : name.replaceAll("[^a-zA-Z0-9_-]", "_");
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    static Tool tool(ToolSpecification spec) {
        Map<String, Object> params = spec.parameters() == null
                ? Map.of("type", "object", "properties", Map.of())
                : SchemaMapper.toMap(spec.parameters(), Boolean.TRUE.equals(spec.strict()));
        return new Tool("function", new Tool.Function(spec.name(), spec.description(), params, spec.strict()), null);
    }

    static ChatMessage message(dev.langchain4j.data.message.ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return ChatMessage.system(s.text());
        }
        if (m instanceof UserMessage u) {
            Content content = u.hasSingleText() ? Content.of(u.singleText()) : Content.of(parts(u.contents()));
            return new ChatMessage.UserMessage(content, u.name(), null);
        }
        if (m instanceof AiMessage a) {
            return assistant(a);
        }
        if (m instanceof ToolExecutionResultMessage t) {
            return new ChatMessage.ToolMessage(t.id(), Content.of(t.text() == null ? "" : t.text()), t.toolName(), null);
        }
        throw new UnsupportedFeatureException("llmux cannot send LangChain4j message type " + m.type());
    }

    private static ChatMessage.AssistantMessage assistant(AiMessage a) {
        List<ToolCall> calls = new ArrayList<>();
        if (a.hasToolExecutionRequests()) {
            for (ToolExecutionRequest r : a.toolExecutionRequests()) {
                String args = r.arguments() == null || r.arguments().isBlank() ? "{}" : r.arguments();
                calls.add(ToolCall.function(r.id(), r.name(), args));
            }
        }
        return ChatMessage.AssistantMessage.builder()
                .content(a.text())
                .toolCalls(calls)
                .reasoningContent(a.thinking())
                .thinkingBlocks(thinkingBlocks(a.attributes().get(THINKING_BLOCKS)))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static @Nullable List<ThinkingBlock> thinkingBlocks(@Nullable Object attribute) {
        if (!(attribute instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<ThinkingBlock> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof ThinkingBlock tb) {
                out.add(tb);
            } else if (o instanceof Map<?, ?> map) {
                // chat-memory stores may have turned the blocks into maps on the way through JSON
                Map<String, Object> mm = (Map<String, Object>) map;
                out.add(new ThinkingBlock(String.valueOf(mm.get("type")), (String) mm.get("thinking"), (String) mm.get("signature"),
                        (String) mm.get("data")));
            }
        }
        return out;
    }

    private static List<ContentPart> parts(List<dev.langchain4j.data.message.Content> contents) {
        List<ContentPart> parts = new ArrayList<>();
        for (dev.langchain4j.data.message.Content c : contents) {
            if (c instanceof TextContent t) {
                parts.add(ContentPart.text(t.text()));
            } else if (c instanceof ImageContent i) {
                String url = i.image().url() != null
                        ? i.image().url().toString()
                        : "data:" + mime(i.image().mimeType(), "image/png") + ";base64," + i.image().base64Data();
                parts.add(i.detailLevel() == null
                        ? ContentPart.imageUrl(url)
                        : ContentPart.imageUrl(url, switch (i.detailLevel()) {
                            case LOW -> "low";
                            case HIGH, ULTRA_HIGH -> "high";
                            default -> "auto";
                        }));
            } else if (c instanceof AudioContent a) {
                String data = a.audio().base64Data() != null
                        ? a.audio().base64Data()
                        : a.audio().binaryData() != null ? java.util.Base64.getEncoder().encodeToString(a.audio().binaryData()) : null;
                if (data == null) {
                    throw new UnsupportedFeatureException("llmux sends audio as base64 data; an audio URL cannot be sent");
                }
                String mime = mime(a.audio().mimeType(), "audio/wav");
                parts.add(new ContentPart.InputAudio(new ContentPart.InputAudio.Audio(data, mime.substring(mime.indexOf('/') + 1)
                        .replace("mpeg", "mp3").replace("x-wav", "wav").toLowerCase(Locale.ROOT))));
            } else if (c instanceof PdfFileContent pdf) {
                if (pdf.pdfFile().base64Data() == null) {
                    throw new UnsupportedFeatureException("llmux sends PDFs as base64 data; a PDF URL cannot be sent");
                }
                parts.add(new ContentPart.File(new ContentPart.File.FileRef(null,
                        "data:application/pdf;base64," + pdf.pdfFile().base64Data(), "document.pdf")));
            } else {
                throw new UnsupportedFeatureException("llmux cannot send LangChain4j content type " + c.type());
            }
        }
        return parts;
    }

    private static String mime(@Nullable String mime, String fallback) {
        return mime == null || mime.isBlank() ? fallback : mime;
    }
}
