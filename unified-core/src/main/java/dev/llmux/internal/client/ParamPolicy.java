package dev.llmux.internal.client;

import dev.llmux.api.ChatRequest;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.UnsupportedParamsException;
import java.util.Set;

/** LiteLLM's {@code drop_params} contract: unsupported OpenAI parameters fail the call unless dropped. */
public final class ParamPolicy {

    private ParamPolicy() {}

    /**
     * @return the request with {@code additionalDrop} removed and, when {@code drop} is set, unsupported params
     *     removed
     * @throws UnsupportedParamsException naming every unsupported parameter when {@code drop} is not set
     */
    public static ChatRequest apply(ChatRequest request, String provider, String model, Set<String> supported, boolean drop,
            Set<String> additionalDrop) {
        ChatRequest req = additionalDrop.isEmpty() ? request : request.withoutParams(additionalDrop);
        Set<String> unsupported = req.setParamsOutside(supported);
        if (unsupported.isEmpty()) {
            return req;
        }
        if (drop) {
            return req.withoutParams(unsupported);
        }
        throw new UnsupportedParamsException(provider + " does not support parameters " + unsupported + " for model " + model
                + "; set drop_params to drop them, or additional_drop_params to drop named ones",
                ErrorDetails.of(provider, model, 400).withType("invalid_request_error", "unsupported_params", String.join(",", unsupported)));
    }
}
