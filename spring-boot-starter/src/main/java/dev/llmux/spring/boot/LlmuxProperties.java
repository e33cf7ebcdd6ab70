package dev.llmux.spring.boot;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.llmux.router.FailureKind;

/**
 * The {@code llmux.*} properties. Model groups (aliases) and their deployments can come from here, from a LiteLLM
 * {@code config.yaml} named by {@code llmux.config-file}, or both (the file's deployments first). Values may be
 * {@code ${ENV}} placeholders (Spring resolves them) or {@code os.environ/NAME} (llmux reads the variable at call
 * time, so a rotated key is picked up).
 *
 * @param configFile a LiteLLM {@code config.yaml} to load ({@code classpath:} or a file path), or null
 * @param defaultModel the alias the LangChain4j and Spring AI model beans use; default the first model group
 * @param defaultEmbeddingModel the alias the embedding model beans use; default {@code default-model}
 * @param dropParams drop OpenAI parameters a provider does not support instead of failing (LiteLLM {@code drop_params})
 * @param models model groups by alias, each with its deployments
 * @param router how calls are routed; when unset, the config file's {@code router_settings} (or the defaults) apply
 * @param cache the response cache of the router
 * @param redis shared router state (needs {@code llmux-redis}); unset means state in memory
 * @param springAi how the Spring AI beans live beside Spring AI's own starters
 */
@ConfigurationProperties("llmux")
public record LlmuxProperties(
        @Nullable String configFile,
        @Nullable String defaultModel,
        @Nullable String defaultEmbeddingModel,
        @DefaultValue("false") boolean dropParams,
        @DefaultValue Map<String, ModelGroup> models,
        @Nullable Router router,
        @DefaultValue Cache cache,
        @Nullable Redis redis,
        @DefaultValue SpringAi springAi) {

    /**
     * One model group (alias).
     *
     * @param deployments where calls for this alias can go
     */
    public record ModelGroup(@DefaultValue List<DeploymentProperties> deployments) {}

    /**
     * One deployment of a model group.
     *
     * @param model the provider model string, for example {@code anthropic/claude-sonnet-4-5}
     * @param id a stable id (default: derived from alias, model and api base)
     * @param apiKey the API key (a {@code ${ENV}} placeholder or {@code os.environ/NAME})
     * @param apiBase the endpoint, for a proxy, an Azure resource or a local server
     * @param apiVersion the API version (Azure)
     * @param settings other provider settings under their LiteLLM names ({@code aws_region_name}, {@code mock_response}, …)
     * @param weight relative share of calls for simple-shuffle routing (0 = unset)
     * @param rpm requests per minute this deployment accepts (0 = no limit)
     * @param tpm tokens per minute this deployment accepts (0 = no limit)
     * @param order priority tier: every deployment of the lowest order is tried first
     * @param timeout the first-byte timeout of one attempt on this deployment
     * @param inputCostPerToken custom USD price per input token (replaces the catalog's)
     * @param outputCostPerToken custom USD price per output token (replaces the catalog's)
     * @param maxInputTokens a context window that replaces the catalog's
     * @param tags labels for tag budgets and listeners
     */
    public record DeploymentProperties(
            @Nullable String model,
            @Nullable String id,
            @Nullable String apiKey,
            @Nullable String apiBase,
            @Nullable String apiVersion,
            @DefaultValue Map<String, String> settings,
            @DefaultValue("0") double weight,
            @DefaultValue("0") int rpm,
            @DefaultValue("0") long tpm,
            @DefaultValue("0") int order,
            @Nullable Duration timeout,
            @Nullable BigDecimal inputCostPerToken,
            @Nullable BigDecimal outputCostPerToken,
            @Nullable Integer maxInputTokens,
            @DefaultValue List<String> tags) {}

    /**
     * Router settings (LiteLLM {@code router_settings}).
     *
     * @param strategy {@code simple-shuffle}, {@code least-busy}, {@code latency-based-routing},
     *     {@code usage-based-routing} or {@code cost-based-routing}
     * @param numRetries retries for every failure kind without its own number
     * @param retryPolicy retries per failure kind ({@code rate-limit}, {@code timeout}, {@code internal-server}, …)
     * @param fallbacks alias → aliases to try when it fails
     * @param contextWindowFallbacks alias → aliases with a larger context window
     * @param contentPolicyFallbacks alias → aliases to try after a content-policy refusal
     * @param defaultFallbacks aliases for any alias without its own fallbacks
     * @param maxFallbacks the most fallback targets one call may try
     * @param cooldown when a failing deployment rests
     * @param timeout the first-byte timeout of one attempt, for deployments without their own
     * @param deadline one total deadline over all retries and fallbacks of a call
     * @param preCallChecks skip deployments whose context window or capabilities cannot serve the request
     * @param budgets USD budgets, by name
     * @param groupAliases extra names for aliases
     */
    public record Router(
            @DefaultValue("simple-shuffle") String strategy,
            @DefaultValue("2") int numRetries,
            @DefaultValue Map<FailureKind, Integer> retryPolicy,
            @DefaultValue Map<String, List<String>> fallbacks,
            @DefaultValue Map<String, List<String>> contextWindowFallbacks,
            @DefaultValue Map<String, List<String>> contentPolicyFallbacks,
            @DefaultValue List<String> defaultFallbacks,
            @DefaultValue("5") int maxFallbacks,
            @DefaultValue Cooldown cooldown,
            @Nullable Duration timeout,
            @Nullable Duration deadline,
            @DefaultValue("true") boolean preCallChecks,
            @DefaultValue Map<String, BudgetProperties> budgets,
            @DefaultValue Map<String, String> groupAliases) {}

    /**
     * Cooldowns of failing deployments.
     *
     * @param enabled false never takes a deployment out of rotation
     * @param allowedFails failures per minute tolerated before a cooldown
     * @param allowedFailsPolicy allowed fails per failure kind
     * @param cooldownTime how long a deployment rests
     */
    public record Cooldown(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("3") int allowedFails,
            @DefaultValue Map<FailureKind, Integer> allowedFailsPolicy,
            @DefaultValue("5s") Duration cooldownTime) {}

    /**
     * A USD budget per period, for an alias or a tag.
     *
     * @param group the alias the budget covers (set this or {@code tag})
     * @param tag the tag the budget covers (set this or {@code group})
     * @param limit USD per period
     * @param period the window, for example {@code 1d} or {@code 30d}
     * @param fallbackGroup an alias to route to past {@code fallback-threshold} instead of failing at the limit
     * @param fallbackThreshold the share of the limit past which calls go to {@code fallback-group}
     * @param alertThresholds shares of the limit at which listeners hear about it
     */
    public record BudgetProperties(
            @Nullable String group,
            @Nullable String tag,
            @Nullable BigDecimal limit,
            @DefaultValue("1d") Duration period,
            @Nullable String fallbackGroup,
            @DefaultValue("1.0") double fallbackThreshold,
            @DefaultValue List<Double> alertThresholds) {}

    /**
     * The router's response cache (non-streaming answers).
     *
     * @param enabled cache answers
     * @param ttl how long an answer is kept
     */
    public record Cache(@DefaultValue("false") boolean enabled, @DefaultValue("1h") Duration ttl) {}

    /**
     * Shared router state in Redis.
     *
     * @param host the host
     * @param port the port
     * @param password the password
     * @param failOpen when Redis cannot be reached, let calls through (true) or refuse them (false)
     */
    public record Redis(@Nullable String host, @DefaultValue("6379") int port, @Nullable String password,
            @DefaultValue("true") boolean failOpen) {}

    /**
     * The Spring AI beans.
     *
     * @param primary mark llmux's Spring AI {@code ChatModel} and {@code EmbeddingModel} primary, so they win over
     *     a Spring AI starter's beans; set false and {@code spring.ai.model.chat=llmux} to have only ours instead
     */
    public record SpringAi(@DefaultValue("true") boolean primary) {}
}
