package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.StreamOptions;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.json.PlainJson;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a request record's JSON field by field, the very bytes data binding writes for it (same names, same order,
 * nulls left out), without data binding's per-property lookups and method-handle calls. Measured in the client
 * harness, where the caller thread writes between network waits, binding the 2 KB benchmark request cost several
 * times what it costs in a tight loop (its serializers and accessors are many objects to bring back into cache);
 * this writer touches few. Schemas and other maps go through {@link PlainJson}; what it has no reason to write by
 * hand (tool choice, response format, content parts, thinking blocks, a message with annotations or cache control,
 * any other message type) it hands to data binding as a value; a request with extra fields it hands over whole.
 * {@code OpenAiRequestWriterTest} holds the two to the same bytes.
 */
final class OpenAiRequestWriter {

    private OpenAiRequestWriter() {}

    /** The JSON of {@code request}, as {@code Json.write(request)} writes it. */
    static byte[] write(ChatRequest request) {
        if (!request.extra().isEmpty()) {
            return Json.write(request);
        }
        return Json.generate(g -> request(g, request));
    }

    private static void request(JsonGenerator g, ChatRequest r) {
        g.writeStartObject();
        g.writeStringProperty("model", r.model());
        g.writeName("messages");
        g.writeStartArray();
        List<ChatMessage> messages = r.messages();
        for (int i = 0; i < messages.size(); i++) {
            message(g, messages.get(i));
        }
        g.writeEndArray();
        if (r.tools() != null) {
            g.writeName("tools");
            g.writeStartArray();
            List<Tool> tools = r.tools();
            for (int i = 0; i < tools.size(); i++) {
                tool(g, tools.get(i));
            }
            g.writeEndArray();
        }
        value(g, "tool_choice", r.toolChoice());
        bool(g, "parallel_tool_calls", r.parallelToolCalls());
        value(g, "response_format", r.responseFormat());
        number(g, "temperature", r.temperature());
        number(g, "top_p", r.topP());
        number(g, "max_tokens", r.maxTokens());
        number(g, "max_completion_tokens", r.maxCompletionTokens());
        if (r.stop() != null) {
            g.writeName("stop");
            g.writeStartArray();
            for (String s : r.stop()) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
        number(g, "n", r.n());
        if (r.seed() != null) {
            g.writeNumberProperty("seed", r.seed());
        }
        number(g, "presence_penalty", r.presencePenalty());
        number(g, "frequency_penalty", r.frequencyPenalty());
        value(g, "logit_bias", r.logitBias());
        bool(g, "logprobs", r.logprobs());
        number(g, "top_logprobs", r.topLogprobs());
        string(g, "user", r.user());
        value(g, "metadata", r.metadata());
        string(g, "reasoning_effort", r.reasoningEffort());
        bool(g, "stream", r.stream());
        StreamOptions options = r.streamOptions();
        if (options != null) {
            g.writeName("stream_options");
            g.writeStartObject();
            bool(g, "include_usage", options.includeUsage());
            bool(g, "include_obfuscation", options.includeObfuscation());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void message(JsonGenerator g, ChatMessage message) {
        if (message instanceof ChatMessage.UserMessage m && m.cacheControl() == null) {
            roleContentName(g, "user", m.content(), m.name());
        } else if (message instanceof ChatMessage.SystemMessage m && m.cacheControl() == null) {
            roleContentName(g, "system", m.content(), m.name());
        } else if (message instanceof ChatMessage.AssistantMessage m && m.cacheControl() == null && m.annotations() == null) {
            g.writeStartObject();
            g.writeStringProperty("role", "assistant");
            g.writeName("content"); // written even when null
            content(g, m.content());
            string(g, "refusal", m.refusal());
            if (m.toolCalls() != null) {
                g.writeName("tool_calls");
                g.writeStartArray();
                for (ToolCall call : m.toolCalls()) {
                    toolCall(g, call);
                }
                g.writeEndArray();
            }
            string(g, "name", m.name());
            string(g, "reasoning_content", m.reasoningContent());
            value(g, "thinking_blocks", m.thinkingBlocks());
            g.writeEndObject();
        } else if (message instanceof ChatMessage.ToolMessage m && m.cacheControl() == null) {
            g.writeStartObject();
            g.writeStringProperty("role", "tool");
            g.writeStringProperty("tool_call_id", m.toolCallId());
            g.writeName("content");
            content(g, m.content());
            string(g, "name", m.name());
            g.writeEndObject();
        } else if (message instanceof ChatMessage.DeveloperMessage m && m.cacheControl() == null) {
            roleContentName(g, "developer", m.content(), m.name());
        } else {
            Json.writeNested(g, message);
        }
    }

    private static void roleContentName(JsonGenerator g, String role, Content content, @Nullable String name) {
        g.writeStartObject();
        g.writeStringProperty("role", role);
        g.writeName("content");
        content(g, content);
        string(g, "name", name);
        g.writeEndObject();
    }

    private static void content(JsonGenerator g, @Nullable Content content) {
        if (content == null) {
            g.writeNull();
        } else if (content.plainString()) {
            g.writeString(((ContentPart.Text) content.parts().get(0)).text());
        } else {
            Json.writeNested(g, content);
        }
    }

    private static void toolCall(JsonGenerator g, ToolCall call) {
        g.writeStartObject();
        number(g, "index", call.index());
        string(g, "id", call.id());
        string(g, "type", call.type());
        ToolCall.FunctionCall function = call.function();
        if (function != null) {
            g.writeName("function");
            g.writeStartObject();
            string(g, "name", function.name());
            string(g, "arguments", function.arguments());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void tool(JsonGenerator g, Tool tool) {
        g.writeStartObject();
        g.writeStringProperty("type", tool.type());
        Tool.Function f = tool.function();
        g.writeName("function");
        g.writeStartObject();
        g.writeStringProperty("name", f.name());
        string(g, "description", f.description());
        value(g, "parameters", f.parameters());
        bool(g, "strict", f.strict());
        g.writeEndObject();
        value(g, "cache_control", tool.cacheControl());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, @Nullable String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    private static void bool(JsonGenerator g, String name, @Nullable Boolean value) {
        if (value != null) {
            g.writeBooleanProperty(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, @Nullable Integer value) {
        if (value != null) {
            g.writeNumberProperty(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, @Nullable Double value) {
        if (value != null) {
            g.writeNumberProperty(name, value);
        }
    }

    private static void value(JsonGenerator g, String name, @Nullable Object value) {
        if (value != null) {
            g.writeName(name);
            PlainJson.write(g, value); // schemas and other maps as they are; records through data binding
        }
    }
}
