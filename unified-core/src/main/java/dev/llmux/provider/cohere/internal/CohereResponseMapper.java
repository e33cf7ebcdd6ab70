package dev.llmux.provider.cohere.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.ErrorClassifier;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Pure functions from Cohere's v2 answers to OpenAI-shaped ones. */
public final class CohereResponseMapper {

    private CohereResponseMapper() {}

    /**
     * A {@code /v2/chat} answer. Citations become OpenAI {@code url_citation} annotations on the message and are also
     * kept whole, as Cohere sent them, in the response's {@code citations} extra field.
     *
     * @throws LlmuxException when Cohere ended the answer with {@code ERROR} or {@code TIMEOUT}
     */
    public static ChatResponse toChat(CohereWire.ChatResponse res, String provider, String model, long created) {
        FinishReason finish = finishReason(res.finishReason(), provider, model, null);
        CohereWire.ResponseMessage m = res.message();
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonNode item : m == null || m.content() == null ? List.<JsonNode>of() : m.content()) {
            String type = Json.text(item, "type");
            if ("text".equals(type) && Json.text(item, "text") != null) {
                text.append(Json.text(item, "text"));
            } else if ("thinking".equals(type) && Json.text(item, "thinking") != null) {
                thinking.append(Json.text(item, "thinking"));
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        if (m != null && m.toolCalls() != null) {
            for (CohereWire.ToolCall tc : m.toolCalls()) {
                CohereWire.Function f = tc.function();
                calls.add(ToolCall.function(tc.id(), f == null ? null : f.name(),
                        f == null || f.arguments() == null ? "{}" : f.arguments()));
            }
        }
        // Cohere's tool_plan is the text a model writes before calling tools; OpenAI puts that text in content.
        if (text.length() == 0 && m != null && m.toolPlan() != null && !m.toolPlan().isEmpty()) {
            text.append(m.toolPlan());
        }
        List<JsonNode> citations = m == null || m.citations() == null ? List.of() : m.citations();
        ChatMessage.AssistantMessage message = ChatMessage.AssistantMessage.builder()
                .content(text.length() == 0 && !calls.isEmpty() ? null : text.toString())
                .toolCalls(calls)
                .reasoningContent(thinking.length() == 0 ? null : thinking.toString())
                .annotations(citations.isEmpty() ? null : annotations(citations))
                .build();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (!citations.isEmpty()) {
            extra.put("citations", citations);
        }
        return new ChatResponse(res.id() == null ? "" : res.id(), ChatResponse.OBJECT, created, model, null, null,
                List.of(Choice.of(message, finish)), usage(res.usage()), extra, null);
    }

    /**
     * Cohere's finish reason in OpenAI's terms.
     *
     * @param error the text Cohere gave with an {@code ERROR} (streams carry it in {@code message-end})
     * @throws LlmuxException for {@code ERROR} and {@code TIMEOUT}: the partial answer is not a success
     */
    public static FinishReason finishReason(@Nullable String reason, String provider, String model, @Nullable String error) {
        if (reason == null) {
            return FinishReason.STOP;
        }
        switch (reason) {
            case "COMPLETE", "STOP_SEQUENCE":
                return FinishReason.STOP;
            case "MAX_TOKENS":
                return FinishReason.LENGTH;
            case "TOOL_CALL":
                return FinishReason.TOOL_CALLS;
            case "ERROR":
                throw ErrorClassifier.classify(ErrorDetails.of(provider, model, 500).withType(null, reason, null),
                        error == null ? "generation ended with finish_reason ERROR" : error, null);
            case "TIMEOUT":
                throw ErrorClassifier.classify(ErrorDetails.of(provider, model, 408).withType(null, reason, null),
                        error == null ? "generation timed out (finish_reason TIMEOUT)" : error, null);
            default:
                return FinishReason.of(reason.toLowerCase(Locale.ROOT));
        }
    }

    /** Usage from {@code tokens} (what the model processed), falling back to {@code billed_units}. */
    public static @Nullable Usage usage(CohereWire.@Nullable UsageInfo u) {
        if (u == null) {
            return null;
        }
        CohereWire.Tokens t = u.tokens() != null ? u.tokens() : u.billedUnits();
        if (t == null) {
            return null;
        }
        return Usage.of(nz(t.inputTokens()), nz(t.outputTokens()), nz(u.cachedTokens()), 0, 0);
    }

    /** One OpenAI {@code url_citation} annotation per cited source (as LiteLLM does). */
    public static List<Object> annotations(List<JsonNode> citations) {
        List<Object> out = new ArrayList<>();
        for (JsonNode c : citations) {
            JsonNode sources = c.get("sources");
            if (sources == null || !sources.isArray()) {
                continue;
            }
            for (JsonNode s : sources) {
                JsonNode doc = s.get("document");
                String url = doc != null && Json.text(doc, "url") != null ? Json.text(doc, "url") : "source:" + Json.text(s, "id");
                Map<String, Object> cite = new LinkedHashMap<>();
                cite.put("start_index", c.path("start").asInt(0));
                cite.put("end_index", c.path("end").asInt(0));
                cite.put("title", doc == null || Json.text(doc, "title") == null ? "" : Json.text(doc, "title"));
                cite.put("url", url);
                Map<String, Object> annotation = new LinkedHashMap<>();
                annotation.put("type", "url_citation");
                annotation.put("url_citation", cite);
                out.add(annotation);
            }
        }
        return out;
    }

    /** A {@code /v2/embed} answer. */
    public static EmbeddingResponse toEmbedding(CohereWire.EmbedResponse res, String model) {
        List<float[]> vectors = res.embeddings() == null || res.embeddings().floats() == null ? List.of() : res.embeddings().floats();
        List<EmbeddingResponse.Embedding> data = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            data.add(EmbeddingResponse.Embedding.of(i, vectors.get(i)));
        }
        CohereWire.Tokens billed = res.meta() == null ? null : res.meta().billedUnits();
        EmbeddingResponse.EmbeddingUsage usage = billed == null || billed.inputTokens() == null
                ? null
                : new EmbeddingResponse.EmbeddingUsage(billed.inputTokens(), billed.inputTokens());
        return EmbeddingResponse.of(data, model, usage);
    }

    private static int nz(@Nullable Integer i) {
        return i == null ? 0 : i;
    }
}
