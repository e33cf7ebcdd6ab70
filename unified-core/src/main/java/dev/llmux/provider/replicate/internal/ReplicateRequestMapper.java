package dev.llmux.provider.replicate.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pure functions from OpenAI-shaped requests to Replicate predictions.
 *
 * <p>Replicate's language models take a {@code prompt} string, not messages. System messages become
 * {@code system_prompt}; a single user message is the prompt as written; a longer conversation is written as a
 * {@code User:}/{@code Assistant:} transcript ending with {@code Assistant:}, since the model applies its own chat
 * template to whatever prompt it gets. Sampling follows LiteLLM's names: {@code max_new_tokens},
 * {@code temperature}, {@code top_p}, {@code top_k} (extra), {@code seed}, and {@code stop_sequences} as one
 * comma-separated string, as Replicate's language models document it. One image (vision models such as LLaVA) goes
 * in as the {@code image} input, as the https or {@code data:} URL given. An extra {@code input} object is merged
 * in for model-specific inputs.
 */
public final class ReplicateRequestMapper {

    private ReplicateRequestMapper() {}

    /**
     * Where to create the prediction.
     *
     * @param path the API path under the base
     * @param version the pinned version for {@code /v1/predictions}, or null
     */
    public record Target(String path, @Nullable String version) {}

    /**
     * {@code owner/name} → {@code /v1/models/owner/name/predictions}; {@code owner/name:version} →
     * {@code /v1/predictions} with {@code version}; {@code deployments/owner/name} →
     * {@code /v1/deployments/owner/name/predictions}.
     */
    public static Target target(String model, String provider) {
        int colon = model.indexOf(':');
        if (colon >= 0) {
            String version = model.substring(colon + 1);
            if (version.isEmpty()) {
                throw bad(provider, model, "model \"" + model + "\" has an empty version after ':'", "model");
            }
            return new Target("/v1/predictions", version);
        }
        if (model.startsWith("deployments/")) {
            String name = model.substring("deployments/".length());
            requireOwnerAndName(name, model, provider);
            return new Target("/v1/deployments/" + name + "/predictions", null);
        }
        requireOwnerAndName(model, model, provider);
        return new Target("/v1/models/" + model + "/predictions", null);
    }

    private static void requireOwnerAndName(String name, String model, String provider) {
        String[] parts = name.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw bad(provider, model, "model \"" + model + "\" must be owner/name, owner/name:version or deployments/owner/name",
                    "model");
        }
    }

    /** The prediction body for {@code request}. */
    public static ReplicateWire.CreatePrediction toPrediction(ChatRequest request, Target target, String provider, String model,
            boolean stream) {
        Map<String, Object> input = new LinkedHashMap<>();
        if (request.extra().get("input") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> input.put(String.valueOf(k), v));
        }
        List<String> system = new ArrayList<>();
        List<String[]> turns = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            ChatMessage m = request.messages().get(i);
            String where = "messages[" + i + "]";
            if (m instanceof ChatMessage.SystemMessage s) {
                system.add(text(s.content(), provider, model, where));
            } else if (m instanceof ChatMessage.DeveloperMessage d) {
                system.add(text(d.content(), provider, model, where));
            } else if (m instanceof ChatMessage.UserMessage u) {
                turns.add(new String[] {"User", userText(u.content(), images, provider, model, where)});
            } else if (m instanceof ChatMessage.AssistantMessage a && a.toolCallsOrEmpty().isEmpty()) {
                turns.add(new String[] {"Assistant", a.content() == null ? "" : text(a.content(), provider, model, where)});
            } else {
                throw bad(provider, model, where + " (" + m.role() + (m instanceof ChatMessage.AssistantMessage ? " with tool calls" : "")
                        + ") cannot be sent: Replicate models take text prompts without tools", where);
            }
        }
        if (turns.isEmpty()) {
            throw bad(provider, model, "the request has no user or assistant message to use as the prompt", "messages");
        }
        input.put("prompt", prompt(turns));
        if (!system.isEmpty()) {
            input.put("system_prompt", String.join("\n\n", system));
        }
        if (images.size() > 1) {
            throw bad(provider, model, "the request has " + images.size() + " images; Replicate models take at most one image input",
                    "messages");
        }
        if (!images.isEmpty()) {
            input.put("image", images.get(0));
        }
        putIf(input, "max_new_tokens", request.maxOutputTokens());
        putIf(input, "temperature", request.temperature());
        putIf(input, "top_p", request.topP());
        putIf(input, "top_k", request.extra().get("top_k"));
        putIf(input, "seed", request.seed());
        if (request.stop() != null && !request.stop().isEmpty()) {
            input.put("stop_sequences", String.join(",", request.stop()));
        }
        return new ReplicateWire.CreatePrediction(target.version(), input, stream ? Boolean.TRUE : null);
    }

    private static String prompt(List<String[]> turns) {
        if (turns.size() == 1 && turns.get(0)[0].equals("User")) {
            return turns.get(0)[1];
        }
        StringBuilder sb = new StringBuilder();
        for (String[] t : turns) {
            sb.append(t[0]).append(": ").append(t[1]).append("\n\n");
        }
        return sb.append("Assistant:").toString();
    }

    /** The text of a user message; its image (an https or data: URL, both of which Replicate takes) is collected. */
    private static String userText(Content content, List<String> images, String provider, String model, String where) {
        StringBuilder sb = new StringBuilder();
        for (ContentPart part : content.parts()) {
            if (part instanceof ContentPart.Text t) {
                sb.append(t.text());
            } else if (part instanceof ContentPart.ImageUrl img) {
                images.add(img.imageUrl().url());
            } else {
                throw bad(provider, model, where + " has a " + part.type() + " part; Replicate language models take text and one image",
                        where + ".content");
            }
        }
        return sb.toString();
    }

    private static String text(Content content, String provider, String model, String where) {
        if (!content.isTextOnly()) {
            throw bad(provider, model, where + " may hold only text: Replicate language models take a text prompt", where + ".content");
        }
        return content.text();
    }

    private static void putIf(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static BadRequestException bad(String provider, String model, String message, String param) {
        return new BadRequestException(provider + ": " + message,
                ErrorDetails.of(provider, model, 400).withType("invalid_request_error", null, param));
    }
}
