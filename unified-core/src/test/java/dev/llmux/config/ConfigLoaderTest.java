package dev.llmux.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.catalog.Capability;
import dev.llmux.router.Budget;
import dev.llmux.router.Deployment;
import dev.llmux.router.FailureKind;
import dev.llmux.router.Fallbacks;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RoutingStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final Map<String, String> ENV = Map.of("AZURE_KEY", "az-secret", "REDIS_PW", "hunter2", "MASTER", "sk-master",
            "RPM", "120");
    private static final ConfigLoader LOADER = ConfigLoader.defaults().withEnv(ENV::get);

    private static final String FULL = """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: azure/gpt-4o-eu
                  api_key: os.environ/AZURE_KEY
                  api_base: https://eu.example.openai.azure.com
                  api_version: "2024-10-21"
                  rpm: os.environ/RPM
                  tpm: 200000
                  timeout: 30
                  order: 1
                  weight: 2
                  input_cost_per_token: 0.0000025
                  output_cost_per_token: 0.00001
                model_info:
                  id: azure-eu
                  max_input_tokens: 128000
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
                  api_key: sk-plain
                  organization: org-1
                  order: 2
                  tags: [paid]
              - model_name: local
                litellm_params:
                  model: ollama/llama3.2
                  api_base: http://localhost:11434
                model_info:
                  supports_function_calling: true
            router_settings:
              routing_strategy: latency-based-routing
              num_retries: 4
              retry_policy:
                RateLimitErrorRetries: 6
                InternalServerErrorRetries: 1
              allowed_fails: 2
              allowed_fails_policy:
                RateLimitErrorAllowedFails: 0
              cooldown_time: 45
              timeout: 20
              deadline: 90
              fallbacks: [{"gpt-4o": ["local"]}]
              context_window_fallbacks:
                - gpt-4o: [local]
              default_fallbacks: [local]
              enable_pre_call_checks: false
              redis_host: 127.0.0.1
              redis_port: 6380
              redis_password: os.environ/REDIS_PW
              redis_fail_open: false
              model_group_alias: {"gpt-4": "gpt-4o"}
              routing_strategy_args: {lowest_latency_buffer: 0.2}
              budgets:
                - group: gpt-4o
                  limit: 100
                  period: 1d
                  fallback_group: local
                  fallback_threshold: 0.9
                  alert_thresholds: [0.5, 0.8]
            litellm_settings:
              num_retries: 9
              request_timeout: 60
              drop_params: true
              cache: true
              cache_params:
                type: redis
                ttl: 600
            general_settings:
              master_key: os.environ/MASTER
              database_url: postgres://x
              alerting: [slack]
            environment_variables:
              LANGFUSE_HOST: https://lf.example
            """;

    @Test
    void should_load_a_full_litellm_config() {
        LlmuxConfig c = LOADER.parse(FULL);

        assertThat(c.deployments()).hasSize(3);
        Deployment azure = c.deployments().get(0);
        assertThat(azure.id()).isEqualTo("azure-eu");
        assertThat(azure.group()).isEqualTo("gpt-4o");
        assertThat(azure.model()).isEqualTo("azure/gpt-4o-eu");
        // credentials stay references, resolved at call time
        assertThat(azure.settings().apiKey()).isEqualTo("os.environ/AZURE_KEY");
        assertThat(azure.settings().apiBase()).isEqualTo("https://eu.example.openai.azure.com");
        assertThat(azure.settings().apiVersion()).isEqualTo("2024-10-21");
        assertThat(azure.settings().names()).containsExactlyInAnyOrder("api_key", "api_base", "api_version");
        assertThat(azure.rpm()).isEqualTo(120);
        assertThat(azure.tpm()).isEqualTo(200_000);
        assertThat(azure.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(azure.order()).isEqualTo(1);
        assertThat(azure.weight()).isEqualTo(2.0);
        assertThat(azure.prices().input()).isEqualByComparingTo("0.0000025");
        assertThat(azure.prices().output()).isEqualByComparingTo("0.00001");
        assertThat(azure.maxInputTokens()).isEqualTo(128_000);
        Deployment openai = c.deployments().get(1);
        assertThat(openai.settings().get("organization")).isEqualTo("org-1");
        assertThat(openai.tags()).containsExactly("paid");
        assertThat(c.deployments().get(2).capabilities()).containsExactly(Capability.TOOLS);

        RouterSettings r = c.router();
        assertThat(r.strategy()).isEqualTo(RoutingStrategy.LATENCY_BASED);
        assertThat(r.latencyBuffer()).isEqualTo(0.2);
        assertThat(r.retryPolicy().numRetries()).as("router_settings wins over litellm_settings").isEqualTo(4);
        assertThat(r.retryPolicy().retriesFor(FailureKind.RATE_LIMIT)).isEqualTo(6);
        assertThat(r.retryPolicy().retriesFor(FailureKind.SERVICE_UNAVAILABLE)).isEqualTo(1);
        assertThat(r.retryPolicy().retriesFor(FailureKind.TIMEOUT)).isEqualTo(4);
        assertThat(r.cooldown().allowedFails()).isEqualTo(2);
        assertThat(r.cooldown().perKind()).containsEntry(FailureKind.RATE_LIMIT, 0);
        assertThat(r.cooldown().cooldownTime()).isEqualTo(Duration.ofSeconds(45));
        assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(r.deadline()).isEqualTo(Duration.ofSeconds(90));
        assertThat(r.fallbacks().generic()).containsEntry("gpt-4o", List.of("local"));
        assertThat(r.fallbacks().contextWindow()).containsEntry("gpt-4o", List.of("local"));
        assertThat(r.fallbacks().defaults()).containsExactly("local");
        assertThat(r.preCallChecks()).isFalse();
        assertThat(r.groupAliases()).containsEntry("gpt-4", "gpt-4o");
        assertThat(r.cacheResponses()).isTrue();
        assertThat(r.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        Budget b = r.budgets().get(0);
        assertThat(b.scope()).isEqualTo(Budget.Scope.GROUP);
        assertThat(b.limit()).isEqualByComparingTo(new BigDecimal(100));
        assertThat(b.period()).isEqualTo(Duration.ofDays(1));
        assertThat(b.fallbackGroup()).isEqualTo("local");
        assertThat(b.fallbackThreshold()).isEqualTo(0.9);
        assertThat(b.alertThresholds()).containsExactly(0.5, 0.8);

        assertThat(c.client().dropParams()).isTrue();
        assertThat(c.client().requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.redis()).isEqualTo(new RedisSettings("127.0.0.1", 6380, "hunter2", false));
        assertThat(c.redis().toString()).doesNotContain("hunter2");
        assertThat(c.cacheType()).isEqualTo("redis");
        assertThat(c.generalSettings()).containsEntry("master_key", "sk-master").containsEntry("alerting", List.of("slack"));
        assertThat(c.environmentVariables()).containsEntry("LANGFUSE_HOST", "https://lf.example");
        assertThat(c.warnings()).isEmpty();
        assertThat(c.routerBuilder().build().groups()).containsExactly("gpt-4o", "local");
    }

    @Test
    void should_take_router_keys_from_litellm_settings_when_router_settings_has_none() {
        LlmuxConfig c = LOADER.parse("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: b
                    litellm_params: {model: openai/gpt-4o-mini}
                litellm_settings:
                  num_retries: 1
                  request_timeout: 12.5
                  fallbacks: [{"a": ["b"]}]
                  content_policy_fallbacks: [{"a": ["b"]}]
                  allowed_fails: 7
                  cooldown_time: 0.5
                """);

        assertThat(c.router().retryPolicy().numRetries()).isEqualTo(1);
        assertThat(c.router().timeout()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(c.router().fallbacks().routeFor("a", new dev.llmux.error.ContentPolicyViolationException("x",
                dev.llmux.error.ErrorDetails.of("p", "m", 400)))).isEqualTo(new Fallbacks.Route(Fallbacks.Kind.CONTENT_POLICY, List.of("b")));
        assertThat(c.router().cooldown().allowedFails()).isEqualTo(7);
        assertThat(c.router().cooldown().cooldownTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.redis()).isNull();
        assertThat(c.cacheType()).isNull();
    }

    @Test
    void should_give_deployments_that_differ_only_in_credentials_distinct_ids() {
        LlmuxConfig c = LOADER.parse("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_1}
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_2}
                """);
        assertThat(c.deployments().get(0).id()).isNotEqualTo(c.deployments().get(1).id()).hasSize(16);
        assertThat(LOADER.parse("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_1}
                """).deployments().get(0).id()).as("stable across loads").isEqualTo(c.deployments().get(0).id());
    }

    @Test
    void should_report_unknown_keys_with_their_lines() {
        LlmuxConfig c = LOADER.parse("""
                model_list:
                  - model_name: a
                    litellm_params:
                      model: openai/gpt-4o
                      stream_timeout: 5
                    model_infoo: {}
                router_settings:
                  routing_strategy: simple-shuffle
                  retry_polcy: {}
                litellm_settings:
                  success_callback: [langfuse]
                guardrails: []
                """);

        assertThat(c.warnings()).extracting(ConfigWarning::path, ConfigWarning::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("model_list[0].litellm_params.stream_timeout", 5),
                org.assertj.core.groups.Tuple.tuple("model_list[0].model_infoo", 6),
                org.assertj.core.groups.Tuple.tuple("router_settings.retry_polcy", 9),
                org.assertj.core.groups.Tuple.tuple("litellm_settings.success_callback", 11),
                org.assertj.core.groups.Tuple.tuple("guardrails", 12));
        assertThat(c.warnings().get(1).message()).isEqualTo("unknown key, ignored");
    }

    @Test
    void should_fail_on_the_first_warning_in_strict_mode() {
        assertThatThrownBy(() -> LOADER.strict().parse("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                router_settings:
                  num_retrys: 3
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.yaml:5: router_settings.num_retrys: unknown key, ignored (strict mode; 1 problem(s) in all)");
    }

    @Test
    void should_name_the_bad_key_and_its_line() {
        assertError("""
                model_list:
                  - model_name: a
                    litellm_params:
                      model: openai/gpt-4o
                      rpm: lots
                """, "config.yaml:5: model_list[0].litellm_params.rpm: must be a whole number, was \"lots\"");
        assertError("""
                model_list:
                  - model_name: a
                    litellm_params:
                      api_key: x
                """, "config.yaml:3: model_list[0].litellm_params: needs a model, for example openai/gpt-4o");
        assertError("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                router_settings:
                  routing_strategy: fastest
                """, "config.yaml:5: router_settings.routing_strategy: unknown routing strategy \"fastest\"; expected one of "
                + "simple-shuffle, least-busy, latency-based-routing, usage-based-routing, cost-based-routing");
        assertError("""
                model_list:
                  - model_name: a
                    litellm_params:
                      model: openai/gpt-4o
                      api_base: os.environ/NOPE
                router_settings:
                  timeout: os.environ/MISSING
                """, "config.yaml:7: router_settings.timeout: refers to environment variable MISSING, which is not set");
        assertError("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                router_settings:
                  budgets:
                    - group: a
                      limit: 10
                      period: fortnight
                """, "config.yaml:8: router_settings.budgets[0].period: must be a period like 30s, 15m, 1h, 1d, 1w or 1mo, was \"fortnight\"");
        assertError("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                router_settings:
                  fallbacks: [{"a": ["nowhere"]}]
                """, "config.yaml: router_settings: fallbacks of a name unknown group or deployment id nowhere");
        assertError("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o
                """, "config.yaml:3: not valid YAML: while parsing a flow mapping");
        assertError("""
                model_list: []
                """, "config.yaml:1: model_list: needs at least one deployment");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> LOADER.parse(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void should_load_a_file_from_disk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("config.yaml");
        java.nio.file.Files.writeString(file, FULL);

        LlmuxConfig c = LOADER.load(file);

        assertThat(c.deployments()).hasSize(3);
        assertThatThrownBy(() -> LOADER.load(dir.resolve("missing.yaml"))).hasMessageContaining("cannot read config");
    }
}
