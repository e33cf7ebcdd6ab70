package dev.llmux.config.internal;

import dev.llmux.catalog.Capability;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.router.Deployment;
import dev.llmux.spi.ProviderSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code model_list} entries into {@link Deployment}s. Every {@code litellm_params} key llmux does not
 * interpret itself is a provider setting ({@code aws_region_name}, {@code vertex_project}, …), passed to the
 * provider as {@link ProviderSettings}; credentials keep their {@code os.environ/NAME} form and are read at call time.
 */
public final class DeploymentBinder {

    /** Keys of {@code litellm_params} the router interprets; everything else is a provider setting. */
    private static final Set<String> ROUTER_KEYS = Set.of("model", "rpm", "tpm", "timeout", "order", "weight", "input_cost_per_token",
            "output_cost_per_token", "cache_read_input_token_cost", "cache_creation_input_token_cost", "tags");

    /** LiteLLM keys llmux reads but does not act on. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "stream_timeout", "llmux uses one timeout (to the first byte) for streams too",
            "max_parallel_requests", "not enforced by llmux; use rpm/tpm",
            "cooldown_time", "cooldown_time is router-wide in llmux (router_settings.cooldown_time)",
            "region_name", "region filtering is not implemented",
            "litellm_credential_name", "credential_list is not supported; set api_key here",
            "base_model", "not used; set model_info.max_input_tokens and prices directly");

    private DeploymentBinder() {}

    public static List<Deployment> bind(Section root) {
        List<Deployment> out = new ArrayList<>();
        List<YamlNode> items = root.list("model_list");
        for (int i = 0; i < items.size(); i++) {
            Section entry = new Section(root.context(), "model_list[" + i + "]", items.get(i));
            out.add(bindEntry(entry));
        }
        return out;
    }

    private static Deployment bindEntry(Section entry) {
        String group = entry.string("model_name");
        if (group == null || group.isBlank()) {
            throw entry.error(entry.path(), entry.line(), "needs a model_name (the group callers ask for)");
        }
        Section params = entry.section("litellm_params");
        if (params == null) {
            throw entry.error(entry.path(), entry.line(), "needs litellm_params with at least a model");
        }
        String model = params.string("model");
        if (model == null || model.isBlank()) {
            throw params.error(params.path(), params.line(), "needs a model, for example openai/gpt-4o");
        }
        Deployment.Builder b = Deployment.builder(group, model);
        Integer rpm = params.integer("rpm", 0);
        if (rpm != null) {
            b.rpm(rpm);
        }
        Integer tpm = params.integer("tpm", 0);
        if (tpm != null) {
            b.tpm(tpm);
        }
        Integer order = params.integer("order", 1);
        if (order != null) {
            b.order(order);
        }
        Double weight = params.number("weight");
        if (weight != null) {
            if (weight < 0) {
                throw params.error("weight", "must not be negative, was " + weight);
            }
            b.weight(weight);
        }
        b.timeout(params.seconds("timeout"));
        b.prices(prices(params));
        params.strings("tags").forEach(b::tag);
        UNSUPPORTED.forEach(params::ignore);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : params.keys()) {
            if (ROUTER_KEYS.contains(key) || UNSUPPORTED.containsKey(key)) {
                continue;
            }
            YamlNode n = params.node(key);
            if (n == null) {
                continue;
            }
            if (!n.isScalar()) {
                params.warn(key, "structured provider settings are not supported; ignored");
                continue;
            }
            settings.put(key, n.text());
        }
        b.settings(ProviderSettings.of(settings));
        // like LiteLLM's model_id: a hash of the whole litellm_params, so two deployments of one model that differ
        // only in credentials or organization get distinct ids; model_info.id overrides it
        b.id(defaultId(group, model, settings));
        Section info = entry.section("model_info");
        if (info != null) {
            modelInfo(info, b);
        }
        entry.reportUnknown();
        return b.build();
    }

    private static String defaultId(String group, String model, Map<String, String> settings) {
        StringBuilder sb = new StringBuilder(group).append('\n').append(model);
        new java.util.TreeMap<>(settings).forEach((k, v) -> sb.append('\n').append(k).append('=').append(v));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ModelPrices prices(Section s) {
        BigDecimal in = s.decimal("input_cost_per_token");
        BigDecimal out = s.decimal("output_cost_per_token");
        BigDecimal read = s.decimal("cache_read_input_token_cost");
        BigDecimal write = s.decimal("cache_creation_input_token_cost");
        if (in == null && out == null) {
            if (read != null || write != null) {
                throw s.error(s.path(), s.line(), "cache prices need input_cost_per_token and output_cost_per_token too");
            }
            return null;
        }
        if (in == null || out == null) {
            throw s.error(in == null ? "input_cost_per_token" : "output_cost_per_token",
                    "custom prices need both input_cost_per_token and output_cost_per_token");
        }
        return new ModelPrices(in, out, read, write);
    }

    private static void modelInfo(Section info, Deployment.Builder b) {
        String id = info.string("id");
        if (id != null) {
            b.id(id);
        }
        Integer window = info.integer("max_input_tokens", 1);
        if (window != null) {
            b.maxInputTokens(window);
        }
        ModelPrices prices = prices(info);
        if (prices != null) {
            b.prices(prices);
        }
        Map<String, Capability> flags = Map.of("supports_function_calling", Capability.TOOLS, "supports_vision", Capability.VISION,
                "supports_response_schema", Capability.JSON_SCHEMA, "supports_parallel_function_calling", Capability.PARALLEL_TOOLS,
                "supports_reasoning", Capability.REASONING, "supports_prompt_caching", Capability.PROMPT_CACHING);
        flags.forEach((key, cap) -> {
            Boolean v = info.bool(key);
            if (Boolean.TRUE.equals(v)) {
                b.capability(cap);
            }
        });
        info.ignore("mode", "llmux routes chat and embeddings alike; mode is not needed");
        info.ignore("base_model", "not used; set max_input_tokens and prices directly");
        info.ignore("access_groups", "access groups belong to the gateway's keys, not the router");
        info.ignore("max_tokens", "use max_input_tokens for the context window");
        info.ignore("allowed_fails", "allowed fails are router-wide in llmux (router_settings.allowed_fails)");
        info.ignore("allowed_fails_policy", "allowed fails are router-wide in llmux (router_settings.allowed_fails_policy)");
        info.reportUnknown();
    }
}
