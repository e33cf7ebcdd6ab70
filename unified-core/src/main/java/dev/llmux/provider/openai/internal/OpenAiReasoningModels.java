package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.spi.ProviderCall;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 …) refuse the deprecated {@code max_tokens} ("not compatible with
 * o-series models") and want {@code max_completion_tokens}, which also bounds reasoning tokens. Callers that still
 * say {@code max_tokens} get it renamed rather than a 400, as LiteLLM does.
 */
public final class OpenAiReasoningModels implements OpenAiDialect {

    public static final OpenAiReasoningModels DIALECT = new OpenAiReasoningModels();

    /** o-series and the gpt-5 family, but not {@code gpt-5-chat}, a non-reasoning model that takes {@code max_tokens}. */
    private static final Pattern REASONING = Pattern.compile("^(o\\d.*|gpt-5(?!-chat).*)$");

    private OpenAiReasoningModels() {}

    public static boolean isReasoningModel(String model) {
        return REASONING.matcher(model).matches();
    }

    @Override
    public void adaptRequest(ObjectNode body, ChatRequest request, ProviderCall call) {
        if (body.has("max_tokens")) {
            if (!body.has("max_completion_tokens")) {
                body.set("max_completion_tokens", body.get("max_tokens"));
            }
            body.remove("max_tokens");
        }
    }
}
