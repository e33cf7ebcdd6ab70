package dev.llmux.provider.gemini.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Gemini's {@code logprobsResult} ({@code chosenCandidates[]} and, per position, {@code topCandidates[].candidates[]},
 * each {@code {token, logProbability}}) → OpenAI's choice {@code logprobs}
 * ({@code {"content":[{token, logprob, bytes, top_logprobs:[…]}]}}).
 */
final class GeminiLogprobs {

    private GeminiLogprobs() {}

    static @Nullable Map<String, Object> toOpenAi(@Nullable JsonNode result) {
        if (result == null || !result.path("chosenCandidates").isArray()) {
            return null;
        }
        JsonNode chosen = result.get("chosenCandidates");
        JsonNode top = result.path("topCandidates");
        List<Map<String, Object>> content = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Map<String, Object> entry = entry(chosen.get(i));
            List<Map<String, Object>> alternatives = new ArrayList<>();
            for (JsonNode alt : top.path(i).path("candidates")) {
                alternatives.add(entry(alt));
            }
            entry.put("top_logprobs", alternatives);
            content.add(entry);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("content", content);
        return out;
    }

    private static Map<String, Object> entry(JsonNode candidate) {
        String token = candidate.path("token").asString("");
        List<Integer> bytes = new ArrayList<>();
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("token", token);
        e.put("logprob", candidate.path("logProbability").asDouble(0));
        e.put("bytes", bytes);
        return e;
    }
}
