package dev.llmux.config;

import dev.llmux.config.internal.DeploymentBinder;
import dev.llmux.config.internal.Section;
import dev.llmux.config.internal.SettingsBinder;
import dev.llmux.config.internal.YamlNode;
import dev.llmux.router.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Loads LiteLLM's {@code config.yaml} into an {@link LlmuxConfig}:
 *
 * <pre>{@code
 * LlmuxConfig config = ConfigLoader.defaults().load(Path.of("config.yaml"));
 * config.warnings().forEach(w -> log.warn("config: {}", w));
 * Router router = config.routerBuilder().build();
 * }</pre>
 *
 * <p>Read: {@code model_list} ({@code model_name}, {@code litellm_params}, {@code model_info}), {@code router_settings},
 * {@code litellm_settings}, {@code general_settings} (kept raw for the gateway) and {@code environment_variables}.
 * A string {@code os.environ/NAME} reads the environment: at load time for settings, at call time for a
 * deployment's provider settings (so rotated keys are picked up and never copied around). Errors name the source,
 * the key path and its line. Keys llmux does not know or does not act on become {@link LlmuxConfig#warnings()};
 * {@link #strict()} makes them errors. Immutable and thread-safe.
 */
public final class ConfigLoader {

    private static final ConfigLoader DEFAULTS = new ConfigLoader(System::getenv, false);

    private static final List<String> PROXY_ONLY = List.of("guardrails", "callback_settings", "credential_list", "mcp_servers",
            "prompts", "vector_store_registry", "search_tools", "assistant_settings", "files_settings", "finetune_settings");

    private final Function<String, String> env;
    private final boolean strict;

    private ConfigLoader(Function<String, String> env, boolean strict) {
        this.env = env;
        this.strict = strict;
    }

    /** Reads the process environment; unknown keys are warnings. */
    public static ConfigLoader defaults() {
        return DEFAULTS;
    }

    /** This loader reading {@code os.environ/NAME} from {@code env} instead of the process environment. */
    public ConfigLoader withEnv(Function<String, String> env) {
        return new ConfigLoader(Objects.requireNonNull(env, "env"), strict);
    }

    /** This loader failing on the first warning (an unknown or unused key) instead of collecting them. */
    public ConfigLoader strict() {
        return new ConfigLoader(env, true);
    }

    public LlmuxConfig load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config " + file + ": " + e.getMessage(), e);
        }
    }

    public LlmuxConfig parse(String yaml) {
        return parse(new StringReader(yaml), "config.yaml");
    }

    /** @param source a name for error messages, usually the file name */
    public LlmuxConfig parse(Reader yaml, String source) {
        YamlNode root;
        try {
            root = YamlNode.parse(yaml);
        } catch (YamlNode.SyntaxError e) {
            throw new ConfigException(source, "", e.line, "not valid YAML: " + e.getMessage(), e);
        }
        if (root.kind() == YamlNode.Kind.NULL) {
            throw new ConfigException(source, "", 1, "the config is empty; it needs at least a model_list");
        }
        List<ConfigWarning> warnings = new ArrayList<>();
        Section top = new Section(new Section.Context(source, env, warnings), "", root);
        Map<String, String> environment = new LinkedHashMap<>();
        Section envSection = top.section("environment_variables");
        if (envSection != null) {
            for (String k : envSection.keys()) {
                environment.put(k, envSection.string(k));
            }
        }
        List<Deployment> deployments = DeploymentBinder.bind(top);
        if (deployments.isEmpty()) {
            throw new ConfigException(source, "model_list", root.line(), "needs at least one deployment");
        }
        SettingsBinder.Result settings = SettingsBinder.bind(top.section("router_settings"), top.section("litellm_settings"));
        Map<String, Object> general = new LinkedHashMap<>();
        YamlNode generalNode = top.node("general_settings");
        if (generalNode != null) {
            Section g = new Section(top.context(), "general_settings", generalNode);
            for (String k : g.keys()) {
                YamlNode n = g.node(k);
                general.put(k, n == null ? null : n.isScalar() ? g.string(k) : resolveAll("general_settings." + k, n, g));
            }
        }
        PROXY_ONLY.forEach(k -> top.ignore(k, "a LiteLLM proxy feature llmux does not have"));
        top.reportUnknown();
        if (strict && !warnings.isEmpty()) {
            ConfigWarning w = warnings.get(0);
            throw new ConfigException(source, w.path(), w.line(), w.message() + " (strict mode; " + warnings.size() + " problem(s) in all)");
        }
        try {
            // builds a router once to check cross-references (fallback targets, aliases, budgets) with a clear message
            dev.llmux.router.Router.builder().deployments(deployments).settings(settings.router())
                    .state(dev.llmux.router.RouterState.inMemory()).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "router_settings", 0, e.getMessage(), e);
        }
        return new LlmuxConfig(deployments, settings.router(), settings.client(), settings.redis(), settings.cacheType(), general,
                environment, warnings);
    }

    private static Object resolveAll(String at, YamlNode n, Section s) {
        return switch (n.kind()) {
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                n.map().forEach((k, v) -> out.put(k, resolveAll(at + "." + k, v, s)));
                yield out;
            }
            case LIST -> {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < n.list().size(); i++) {
                    out.add(resolveAll(at + "[" + i + "]", n.list().get(i), s));
                }
                yield out;
            }
            case STRING -> s.resolve(at, n);
            default -> n.plain();
        };
    }
}
