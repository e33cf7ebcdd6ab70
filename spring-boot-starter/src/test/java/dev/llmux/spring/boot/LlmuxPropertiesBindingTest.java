package dev.llmux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.llmux.Llmux;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.router.Budget;
import dev.llmux.router.CooldownPolicy;
import dev.llmux.router.Deployment;
import dev.llmux.router.FailureKind;
import dev.llmux.router.Fallbacks;
import dev.llmux.router.RetryPolicy;
import dev.llmux.router.Router;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RoutingStrategy;

class LlmuxPropertiesBindingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LlmuxAutoConfiguration.class));

    @Test
    void should_bind_every_property_when_set() {
        runner.withPropertyValues(
                "llmux.default-model=smart",
                "llmux.default-embedding-model=embed",
                "llmux.drop-params=true",
                "llmux.models.smart.deployments[0].model=anthropic/claude-sonnet-4-5",
                "llmux.models.smart.deployments[0].id=claude-eu",
                "llmux.models.smart.deployments[0].api-key=sk-ant-test",
                "llmux.models.smart.deployments[0].api-base=http://localhost:9/anthropic",
                "llmux.models.smart.deployments[0].weight=3",
                "llmux.models.smart.deployments[0].rpm=100",
                "llmux.models.smart.deployments[0].tpm=50000",
                "llmux.models.smart.deployments[0].order=1",
                "llmux.models.smart.deployments[0].timeout=20s",
                "llmux.models.smart.deployments[0].input-cost-per-token=0.000003",
                "llmux.models.smart.deployments[0].output-cost-per-token=0.000015",
                "llmux.models.smart.deployments[0].max-input-tokens=100000",
                "llmux.models.smart.deployments[0].tags=team-a,prod",
                "llmux.models.smart.deployments[1].model=azure/gpt-4o-eu",
                "llmux.models.smart.deployments[1].api-version=2024-10-21",
                "llmux.models.smart.deployments[1].settings[aws_region_name]=eu-west-1",
                "llmux.models.smart.deployments[1].order=2",
                "llmux.models.local.deployments[0].model=ollama/llama3.2",
                "llmux.models.embed.deployments[0].model=mock/embed",
                "llmux.router.strategy=latency-based-routing",
                "llmux.router.num-retries=4",
                "llmux.router.retry-policy.rate-limit=6",
                "llmux.router.retry-policy.timeout=0",
                "llmux.router.fallbacks.smart=local",
                "llmux.router.context-window-fallbacks.smart=local",
                "llmux.router.content-policy-fallbacks.smart=local",
                "llmux.router.default-fallbacks=local",
                "llmux.router.max-fallbacks=2",
                "llmux.router.cooldown.enabled=true",
                "llmux.router.cooldown.allowed-fails=1",
                "llmux.router.cooldown.allowed-fails-policy.authentication=0",
                "llmux.router.cooldown.cooldown-time=30s",
                "llmux.router.timeout=15s",
                "llmux.router.deadline=1m",
                "llmux.router.pre-call-checks=false",
                "llmux.router.budgets.monthly.group=smart",
                "llmux.router.budgets.monthly.limit=100",
                "llmux.router.budgets.monthly.period=30d",
                "llmux.router.budgets.monthly.fallback-group=local",
                "llmux.router.budgets.monthly.fallback-threshold=0.8",
                "llmux.router.budgets.monthly.alert-thresholds=0.5,0.9",
                "llmux.router.group-aliases.gpt=smart",
                "llmux.cache.enabled=true",
                "llmux.cache.ttl=10m")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    Router router = ctx.getBean(Router.class);
                    assertThat(router.groups()).containsExactlyInAnyOrder("smart", "local", "embed");
                    Deployment claude = router.deployments("smart").get(0);
                    assertThat(claude.id()).isEqualTo("claude-eu");
                    assertThat(claude.model()).isEqualTo("anthropic/claude-sonnet-4-5");
                    assertThat(claude.settings().apiKey()).isEqualTo("sk-ant-test");
                    assertThat(claude.settings().apiBase()).isEqualTo("http://localhost:9/anthropic");
                    assertThat(claude.weight()).isEqualTo(3.0);
                    assertThat(claude.rpm()).isEqualTo(100);
                    assertThat(claude.tpm()).isEqualTo(50_000);
                    assertThat(claude.order()).isEqualTo(1);
                    assertThat(claude.timeout()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(claude.prices()).isEqualTo(new ModelPrices(new BigDecimal("0.000003"), new BigDecimal("0.000015"), null, null));
                    assertThat(claude.maxInputTokens()).isEqualTo(100_000);
                    assertThat(claude.tags()).containsExactlyInAnyOrder("team-a", "prod");
                    Deployment azure = router.deployments("smart").get(1);
                    assertThat(azure.settings().apiVersion()).isEqualTo("2024-10-21");
                    assertThat(azure.settings().get("aws_region_name")).isEqualTo("eu-west-1");
                    assertThat(azure.order()).isEqualTo(2);

                    RouterSettings s = router.settings();
                    assertThat(s.strategy()).isEqualTo(RoutingStrategy.LATENCY_BASED);
                    assertThat(s.retryPolicy()).isEqualTo(new RetryPolicy(4, Map.of(FailureKind.RATE_LIMIT, 6, FailureKind.TIMEOUT, 0)));
                    assertThat(s.fallbacks()).isEqualTo(new Fallbacks(Map.of("smart", List.of("local")), Map.of("smart", List.of("local")),
                            Map.of("smart", List.of("local")), List.of("local"), 2));
                    assertThat(s.cooldown()).isEqualTo(CooldownPolicy.DEFAULT.withAllowedFails(1)
                            .withAllowedFails(FailureKind.AUTHENTICATION, 0).withCooldownTime(Duration.ofSeconds(30)));
                    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(15));
                    assertThat(s.deadline()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(s.preCallChecks()).isFalse();
                    assertThat(s.budgets()).containsExactly(new Budget("monthly", Budget.Scope.GROUP, "smart", new BigDecimal("100"),
                            Duration.ofDays(30), 0.8, "local", List.of(0.5, 0.9)));
                    assertThat(s.groupAliases()).isEqualTo(Map.of("gpt", "smart"));
                    assertThat(s.cacheResponses()).isTrue();
                    assertThat(s.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(router.routes("gpt")).isTrue();
                });
    }

    @Test
    void should_use_router_defaults_when_only_models_are_set() {
        runner.withPropertyValues("llmux.models.fast.deployments[0].model=mock/fast").run(ctx -> {
            Router router = ctx.getBean(Router.class);
            assertThat(router.settings()).isEqualTo(RouterSettings.defaults());
            Deployment d = router.deployments("fast").get(0);
            assertThat(d).isEqualTo(Deployment.of("fast", "mock/fast"));
            LlmuxProperties props = ctx.getBean(LlmuxProperties.class);
            assertThat(props.dropParams()).isFalse();
            assertThat(props.cache()).isEqualTo(new LlmuxProperties.Cache(false, Duration.ofHours(1)));
            assertThat(props.springAi().primary()).isTrue();
            assertThat(props.redis()).isNull();
        });
    }

    @Test
    void should_fill_router_defaults_equal_to_the_core_when_one_router_property_is_set() {
        runner.withPropertyValues("llmux.models.fast.deployments[0].model=mock/fast", "llmux.router.num-retries=2").run(ctx ->
                assertThat(ctx.getBean(Router.class).settings()).isEqualTo(RouterSettings.defaults()));
    }

    @Test
    void should_configure_client_without_router_when_no_models_are_set() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(Llmux.class).doesNotHaveBean(Router.class);
            assertThat(ctx).doesNotHaveBean(dev.langchain4j.model.chat.ChatModel.class);
        });
    }

    @Test
    void should_load_config_file_and_resolve_os_environ_values_when_config_file_is_set() {
        runner.withPropertyValues("llmux.config-file=classpath:llmux-test-config.yaml", "LLMUX_TEST_KEY=k-1",
                        "LLMUX_TEST_STRATEGY=least-busy",
                        "LLMUX_TEST_ANSWER=answer from the environment",
                        "llmux.models.extra.deployments[0].model=mock/extra",
                        "llmux.models.extra.deployments[0].settings[mock_response]=os.environ/LLMUX_TEST_ANSWER")
                .run(ctx -> {
                    Router router = ctx.getBean(Router.class);
                    assertThat(router.groups()).containsExactly("smart", "extra");
                    assertThat(router.deployments("smart").get(0).rpm()).isEqualTo(60);
                    // credentials keep their reference and are read at call time
                    assertThat(router.deployments("smart").get(0).settings().apiKey()).isEqualTo("os.environ/LLMUX_TEST_KEY");
                    assertThat(router.settings().strategy()).isEqualTo(RoutingStrategy.LEAST_BUSY);
                    assertThat(router.settings().retryPolicy().numRetries()).isEqualTo(1);
                    Llmux llmux = ctx.getBean(Llmux.class);
                    var answer = llmux.chat("extra", dev.llmux.api.ChatMessage.user("hi"));
                    assertThat(answer.text()).isEqualTo("answer from the environment");
                    assertThat(answer.callInfo().deployment()).isEqualTo(router.deployments("extra").get(0).id());
                    // the default model is the file's first group
                    var lc4j = ctx.getBean(dev.langchain4j.model.chat.ChatModel.class);
                    assertThat(lc4j.chat("hello")).isEqualTo("This is a mock response from llmux.");
                    assertThat(ctx.getBean(LlmuxLangChain4jModels.class).chatModel("extra").chat("hello"))
                            .isEqualTo("answer from the environment");
                });
    }
}
