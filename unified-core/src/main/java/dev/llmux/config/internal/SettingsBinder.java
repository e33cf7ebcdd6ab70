package dev.llmux.config.internal;

import dev.llmux.config.ClientSettings;
import dev.llmux.config.RedisSettings;
import dev.llmux.router.Backoff;
import dev.llmux.router.Budget;
import dev.llmux.router.CooldownPolicy;
import dev.llmux.router.FailureKind;
import dev.llmux.router.Fallbacks;
import dev.llmux.router.RetryPolicy;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RoutingStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code router_settings} and {@code litellm_settings}. Keys both sections can hold ({@code num_retries},
 * {@code fallbacks}, {@code allowed_fails}, {@code cooldown_time}, timeouts) are taken from {@code router_settings}
 * when it sets them, else from {@code litellm_settings}.
 */
public final class SettingsBinder {

    /** LiteLLM's exception names → the kinds they cover. */
    private static final Map<String, List<FailureKind>> EXCEPTIONS = Map.ofEntries(
            Map.entry("BadRequestError", List.of(FailureKind.BAD_REQUEST)),
            Map.entry("AuthenticationError", List.of(FailureKind.AUTHENTICATION)),
            Map.entry("NotFoundError", List.of(FailureKind.NOT_FOUND)),
            Map.entry("TimeoutError", List.of(FailureKind.TIMEOUT)),
            Map.entry("RateLimitError", List.of(FailureKind.RATE_LIMIT)),
            Map.entry("ContentPolicyViolationError", List.of(FailureKind.CONTENT_POLICY)),
            Map.entry("ContextWindowExceededError", List.of(FailureKind.CONTEXT_WINDOW)),
            Map.entry("InternalServerError", List.of(FailureKind.INTERNAL_SERVER, FailureKind.BAD_GATEWAY,
                    FailureKind.SERVICE_UNAVAILABLE, FailureKind.CONNECTION)),
            Map.entry("BadGatewayError", List.of(FailureKind.BAD_GATEWAY)),
            Map.entry("ServiceUnavailableError", List.of(FailureKind.SERVICE_UNAVAILABLE)),
            Map.entry("APIConnectionError", List.of(FailureKind.CONNECTION)));

    private static final List<String> LITELLM_ONLY = List.of("success_callback", "failure_callback", "callbacks", "service_callbacks",
            "turn_off_message_logging", "redact_user_api_key_info", "json_logs", "set_verbose", "force_ipv4", "modify_params",
            "max_budget", "budget_duration", "upperbound_key_generate_params", "default_key_generate_params", "default_team_settings",
            "key_generation_settings", "enable_json_schema_validation", "disable_end_user_cost_tracking",
            "disable_end_user_cost_tracking_prometheus_only", "prometheus_initialize_budget_metrics",
            "custom_prometheus_metadata_labels", "prometheus_metrics_config", "mcp_aliases", "constants", "network_mock",
            "callback_settings");

    /** What the two sections produce. */
    public record Result(RouterSettings router, ClientSettings client, @Nullable RedisSettings redis, @Nullable String cacheType) {}

    private SettingsBinder() {}

    public static Result bind(@Nullable Section router, @Nullable Section litellm) {
        RouterSettings.Builder b = RouterSettings.builder();
        Section r = router;
        Section l = litellm;

        Integer numRetries = first(r, l, "num_retries", s -> s.integer("num_retries", 0));
        RetryPolicy retry = numRetries == null ? RetryPolicy.DEFAULT : RetryPolicy.of(numRetries);
        Section policy = r == null ? null : r.section("retry_policy");
        if (policy != null) {
            retry = perKind(policy, "Retries", retry, (p, k, v) -> p.with(k, v), warnNeverRetried());
        }
        b.retryPolicy(retry);

        CooldownPolicy cooldown = CooldownPolicy.DEFAULT;
        Integer allowedFails = first(r, l, "allowed_fails", s -> s.integer("allowed_fails", 0));
        if (allowedFails != null) {
            cooldown = cooldown.withAllowedFails(allowedFails);
        }
        Duration cooldownTime = first(r, l, "cooldown_time", s -> s.seconds("cooldown_time"));
        if (cooldownTime != null) {
            cooldown = cooldown.withCooldownTime(cooldownTime);
        }
        Section afp = r == null ? null : r.section("allowed_fails_policy");
        if (afp != null) {
            cooldown = perKind(afp, "AllowedFails", cooldown, (c, k, v) -> c.withAllowedFails(k, v), null);
        }
        if (r != null) {
            Boolean disable = r.bool("disable_cooldowns");
            if (Boolean.TRUE.equals(disable)) {
                cooldown = cooldown.withEnabled(false);
            }
            Double ratio = r.number("failure_threshold_percent");
            if (ratio != null) {
                if (!(ratio > 0 && ratio <= 1)) {
                    throw r.error("failure_threshold_percent", "must be in (0, 1], was " + ratio);
                }
                cooldown = cooldown.withFailureRatio(ratio, cooldown.minRequests());
            }
        }
        b.cooldown(cooldown);

        Fallbacks fallbacks = Fallbacks.NONE;
        for (var e : firstMap(r, l, "fallbacks").entrySet()) {
            fallbacks = fallbacks.withGeneric(e.getKey(), e.getValue());
        }
        for (var e : firstMap(r, l, "context_window_fallbacks").entrySet()) {
            fallbacks = fallbacks.withContextWindow(e.getKey(), e.getValue());
        }
        for (var e : firstMap(r, l, "content_policy_fallbacks").entrySet()) {
            fallbacks = fallbacks.withContentPolicy(e.getKey(), e.getValue());
        }
        List<String> defaults = r != null && r.has("default_fallbacks") ? r.strings("default_fallbacks")
                : l != null && l.has("default_fallbacks") ? l.strings("default_fallbacks") : List.of();
        if (r != null) {
            r.node("default_fallbacks");
        }
        if (l != null) {
            l.node("default_fallbacks");
        }
        fallbacks = fallbacks.withDefaults(defaults);
        Integer maxFallbacks = r == null ? null : r.integer("max_fallbacks", 0);
        if (maxFallbacks != null) {
            fallbacks = fallbacks.withMaxFallbacks(maxFallbacks);
        }
        b.fallbacks(fallbacks);

        Duration requestTimeout = l == null ? null : l.seconds("request_timeout");
        Duration timeout = r == null ? null : r.seconds("timeout");
        b.timeout(timeout != null ? timeout : requestTimeout);

        RedisSettings redis = null;
        if (r != null) {
            redis = redis(r);
            routerOnly(r, b);
        }
        ClientSettings client = ClientSettings.DEFAULTS;
        String cacheType = null;
        if (l != null) {
            Boolean drop = l.bool("drop_params");
            List<String> extraDrops = l.strings("additional_drop_params");
            client = new ClientSettings(Boolean.TRUE.equals(drop), new LinkedHashSet<>(extraDrops), requestTimeout);
            Boolean cache = l.bool("cache");
            Section params = l.section("cache_params");
            if (Boolean.TRUE.equals(cache)) {
                cacheType = "local";
                b.cacheResponses(true);
                if (params != null) {
                    String type = params.string("type");
                    if (type != null && !type.equals("local") && !type.equals("redis")) {
                        throw params.error("type", "llmux caches in memory (local) or in Redis (redis), not \"" + type + "\"");
                    }
                    cacheType = type == null ? "local" : type;
                    Duration ttl = params.seconds("ttl");
                    if (ttl != null) {
                        b.cacheTtl(ttl);
                    }
                    if (redis == null && params.has("host")) {
                        redis = new RedisSettings(params.string("host"), orDefault(params.integer("port", 1), 6379), params.string("password"), true);
                    } else {
                        params.node("host");
                        params.node("port");
                        params.node("password");
                    }
                    params.ignore("namespace", "use the per-request cache control \"namespace\"");
                    params.ignore("mode", "the router cache is on for every request once enabled; use no-cache per request");
                    params.ignore("supported_call_types", "llmux caches non-streaming chat only");
                    params.reportUnknown();
                }
            } else if (params != null) {
                params.context().warnings().add(new dev.llmux.config.ConfigWarning(params.path(), params.line(),
                        "cache_params is ignored because litellm_settings.cache is not true"));
            }
            LITELLM_ONLY.forEach(k -> l.ignore(k, "a LiteLLM proxy setting llmux does not use"));
            l.reportUnknown();
        }
        return new Result(b.build(), client, redis, cacheType);
    }

    private static void routerOnly(Section r, RouterSettings.Builder b) {
        String strategy = r.string("routing_strategy");
        if (strategy != null) {
            try {
                b.strategy(RoutingStrategy.parse(strategy));
            } catch (IllegalArgumentException e) {
                throw r.error("routing_strategy", e.getMessage());
            }
        }
        Boolean checks = r.bool("enable_pre_call_checks");
        if (checks != null) {
            b.preCallChecks(checks);
        }
        Section args = r.section("routing_strategy_args");
        if (args != null) {
            Double buffer = args.number("lowest_latency_buffer");
            if (buffer != null) {
                b.latencyBuffer(buffer);
            }
            args.ignore("ttl", "llmux keeps a moving average instead of a time window");
            args.reportUnknown();
        }
        Section aliases = r.section("model_group_alias");
        if (aliases != null) {
            for (String alias : aliases.keys()) {
                b.groupAlias(alias, aliases.string(alias));
            }
        }
        Duration deadline = r.seconds("deadline");
        b.deadline(deadline);
        Duration retryAfter = r.seconds("retry_after");
        if (retryAfter != null) {
            b.backoff(new Backoff(retryAfter, Backoff.DEFAULT.max().compareTo(retryAfter) < 0 ? retryAfter : Backoff.DEFAULT.max(),
                    Backoff.DEFAULT.multiplier(), Backoff.DEFAULT.jitter(), Backoff.DEFAULT.retryAfterCap()));
        }
        Boolean cacheResponses = r.bool("cache_responses");
        if (cacheResponses != null) {
            b.cacheResponses(cacheResponses);
        }
        List<YamlNode> budgets = r.list("budgets");
        for (int i = 0; i < budgets.size(); i++) {
            b.budget(budget(new Section(r.context(), r.path() + ".budgets[" + i + "]", budgets.get(i))));
        }
        r.ignore("provider_budget_config", "use router_settings.budgets (per group or tag) instead");
        r.ignore("enable_tag_filtering", "tag filtering is not implemented; tags feed budgets and listeners");
        r.ignore("tag_filtering_match_any", "tag filtering is not implemented");
        r.ignore("redis_url", "use redis_host, redis_port and redis_password");
        r.ignore("default_max_parallel_requests", "not enforced by llmux; use rpm/tpm");
        r.reportUnknown();
    }

    private static Budget budget(Section s) {
        String name = s.string("name");
        String group = s.string("group");
        String tag = s.string("tag");
        if ((group == null) == (tag == null)) {
            throw s.error(s.path(), s.line(), "a budget needs exactly one of group or tag");
        }
        BigDecimal limit = s.decimal("limit");
        if (limit == null || limit.signum() == 0) {
            throw s.error(s.path(), s.line(), "a budget needs a positive limit (USD)");
        }
        Duration period = s.period("period");
        if (period == null) {
            throw s.error(s.path(), s.line(), "a budget needs a period such as 1d or 1mo");
        }
        Budget b = group != null ? Budget.forGroup(group, limit, period) : Budget.forTag(tag, limit, period);
        if (name != null) {
            b = new Budget(name, b.scope(), b.target(), limit, period, 1.0, null, List.of());
        }
        String fallback = s.string("fallback_group");
        Double threshold = s.number("fallback_threshold");
        if (fallback != null) {
            double t = threshold == null ? 1.0 : threshold;
            if (!(t > 0 && t <= 1)) {
                throw s.error("fallback_threshold", "must be in (0, 1], was " + t);
            }
            b = b.withFallback(t, fallback);
        } else if (threshold != null) {
            throw s.error("fallback_threshold", "needs a fallback_group");
        }
        List<Double> alerts = new ArrayList<>();
        for (String a : s.strings("alert_thresholds")) {
            try {
                double v = Double.parseDouble(a);
                if (!(v > 0 && v <= 1)) {
                    throw new NumberFormatException();
                }
                alerts.add(v);
            } catch (NumberFormatException e) {
                throw s.error("alert_thresholds", "each threshold must be a share of the limit in (0, 1], was " + a);
            }
        }
        s.reportUnknown();
        return b.withAlerts(alerts);
    }

    private static @Nullable RedisSettings redis(Section r) {
        String host = r.string("redis_host");
        Integer port = r.integer("redis_port", 1);
        String password = r.string("redis_password");
        Boolean failOpen = r.bool("redis_fail_open");
        if (host == null) {
            if (port != null || password != null) {
                throw r.error(r.path(), r.line(), "redis_port/redis_password need redis_host");
            }
            return null;
        }
        return new RedisSettings(host, port == null ? 6379 : port, password, failOpen == null || failOpen);
    }

    private interface With<T> {
        T apply(T target, FailureKind kind, int value);
    }

    private static java.util.function.BiConsumer<Section, String> warnNeverRetried() {
        return (s, key) -> s.warn(key, "llmux never retries this kind of error (it cannot succeed by trying again); "
                + "it goes to the matching fallbacks instead");
    }

    private static <T> T perKind(Section s, String suffix, T start, With<T> with, java.util.function.@Nullable BiConsumer<Section, String> onNonRetryable) {
        T out = start;
        for (String key : s.keys()) {
            String exception = key.endsWith(suffix) ? key.substring(0, key.length() - suffix.length()) : null;
            List<FailureKind> kinds = exception == null ? null : EXCEPTIONS.get(exception);
            if (kinds == null) {
                continue;
            }
            Integer v = s.integer(key, 0);
            if (v == null) {
                continue;
            }
            if (onNonRetryable != null && List.of(FailureKind.BAD_REQUEST, FailureKind.AUTHENTICATION, FailureKind.CONTENT_POLICY,
                    FailureKind.CONTEXT_WINDOW, FailureKind.NOT_FOUND).contains(kinds.get(0)) && v > 0) {
                onNonRetryable.accept(s, key);
            }
            for (FailureKind k : kinds) {
                out = with.apply(out, k, v);
            }
        }
        s.reportUnknown();
        return out;
    }

    private static <T> @Nullable T first(@Nullable Section r, @Nullable Section l, String key, java.util.function.Function<Section, @Nullable T> get) {
        T fromRouter = r == null ? null : get.apply(r);
        T fromLitellm = l == null ? null : get.apply(l);
        return fromRouter != null ? fromRouter : fromLitellm;
    }

    private static Map<String, List<String>> firstMap(@Nullable Section r, @Nullable Section l, String key) {
        Map<String, List<String>> fromRouter = r == null ? Map.of() : r.fallbackMap(key);
        Map<String, List<String>> fromLitellm = l == null ? Map.of() : l.fallbackMap(key);
        return r != null && r.has(key) ? fromRouter : fromLitellm;
    }

    private static int orDefault(@Nullable Integer v, int d) {
        return v == null ? d : v;
    }
}
