package dev.llmux.config.internal;

import dev.llmux.config.ConfigException;
import dev.llmux.config.ConfigWarning;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A YAML mapping being read: typed getters that name the key path and line on a bad value, resolve
 * {@code os.environ/NAME} references, and remember which keys were read so the rest can be reported.
 */
public final class Section {

    private static final String ENV_PREFIX = "os.environ/";
    private static final Pattern PERIOD = Pattern.compile("(\\d+)\\s*(s|m|h|d|w|mo)");

    /** What a load shares: the source name, the environment, and the warnings so far. */
    public record Context(String source, Function<String, String> env, List<ConfigWarning> warnings) {}

    private final Context ctx;
    private final String path;
    private final YamlNode node;
    private final Set<String> read = new LinkedHashSet<>();

    public Section(Context ctx, String path, YamlNode node) {
        this.ctx = ctx;
        this.path = path;
        this.node = node;
        if (node.kind() != YamlNode.Kind.MAP) {
            throw error(path, node.line(), "must be a mapping of keys to values, was " + describe(node));
        }
    }

    public String path() {
        return path;
    }

    public int line() {
        return node.line();
    }

    public Context context() {
        return ctx;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public ConfigException error(String at, int line, String message) {
        return new ConfigException(ctx.source(), at, line, message);
    }

    public ConfigException error(String key, String message) {
        YamlNode n = node.map().get(key);
        return error(child(key), n == null ? node.line() : n.line(), message);
    }

    public void warn(String key, String message) {
        YamlNode n = node.map().get(key);
        ctx.warnings().add(new ConfigWarning(child(key), n == null ? node.line() : n.line(), message));
    }

    private static String describe(YamlNode n) {
        return switch (n.kind()) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case NULL -> "empty";
            default -> "\"" + n.text() + "\"";
        };
    }

    public boolean has(String key) {
        YamlNode n = node.map().get(key);
        return n != null && n.kind() != YamlNode.Kind.NULL;
    }

    public Set<String> keys() {
        return node.map().keySet();
    }

    /** The raw node, marked as read. */
    public @Nullable YamlNode node(String key) {
        read.add(key);
        YamlNode n = node.map().get(key);
        return n == null || n.kind() == YamlNode.Kind.NULL ? null : n;
    }

    /** Marks {@code key} as known but unused, with a warning when present. */
    public void ignore(String key, String why) {
        if (node.map().containsKey(key)) {
            read.add(key);
            warn(key, why);
        }
    }

    /** Warns about every key nobody read. */
    public void reportUnknown() {
        for (String key : node.map().keySet()) {
            if (!read.contains(key)) {
                warn(key, "unknown key, ignored");
            }
        }
    }

    public @Nullable Section section(String key) {
        YamlNode n = node(key);
        return n == null ? null : new Section(ctx, child(key), n);
    }

    public List<YamlNode> list(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return List.of();
        }
        if (n.kind() != YamlNode.Kind.LIST) {
            throw error(child(key), n.line(), "must be a list, was " + describe(n));
        }
        return n.list();
    }

    /** A scalar as text with {@code os.environ/NAME} resolved, or null. */
    public @Nullable String string(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (!n.isScalar()) {
            throw error(child(key), n.line(), "must be a single value, was " + describe(n));
        }
        return resolve(child(key), n);
    }

    /** A scalar as text, with an environment reference left unresolved (for credentials, read at call time). */
    public @Nullable String rawString(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (!n.isScalar()) {
            throw error(child(key), n.line(), "must be a single value, was " + describe(n));
        }
        return n.text();
    }

    public String resolve(String at, YamlNode n) {
        String text = n.text();
        if (text != null && text.startsWith(ENV_PREFIX)) {
            String var = text.substring(ENV_PREFIX.length());
            String v = ctx.env().apply(var);
            if (v == null) {
                throw error(at, n.line(), "refers to environment variable " + var + ", which is not set");
            }
            return v;
        }
        return text == null ? "" : text;
    }

    public @Nullable Integer integer(String key, int min) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            if (d != Math.rint(d) || d > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            int v = (int) d;
            if (v < min) {
                throw error(key, "must be at least " + min + ", was " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, was \"" + s + "\"");
        }
    }

    public @Nullable Double number(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be a number, was \"" + s + "\"");
        }
    }

    public @Nullable BigDecimal decimal(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s.trim());
            if (d.signum() < 0) {
                throw error(key, "must not be negative, was " + s);
            }
            return d;
        } catch (NumberFormatException e) {
            throw error(key, "must be a decimal number, was \"" + s + "\"");
        }
    }

    public @Nullable Boolean bool(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "must be true or false, was \"" + s + "\"");
        };
    }

    /** Seconds as a number (LiteLLM's timeouts), as a positive duration. */
    public @Nullable Duration seconds(String key) {
        Double d = number(key);
        if (d == null) {
            return null;
        }
        if (!(d > 0)) {
            throw error(key, "must be a positive number of seconds, was " + d);
        }
        return Duration.ofMillis(Math.round(d * 1000));
    }

    /** A period such as {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}, {@code 1w} or {@code 1mo} (30 days). */
    public @Nullable Duration period(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        Matcher m = PERIOD.matcher(s.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw error(key, "must be a period like 30s, 15m, 1h, 1d, 1w or 1mo, was \"" + s + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(30 * n);
        };
    }

    /** A list of strings (env references resolved). */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        String at = child(key);
        List<YamlNode> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode n = items.get(i);
            if (!n.isScalar() || n.kind() == YamlNode.Kind.NULL) {
                throw error(at + "[" + i + "]", n.line(), "must be a name, was " + describe(n));
            }
            out.add(resolve(at + "[" + i + "]", n));
        }
        return out;
    }

    /**
     * LiteLLM's fallback lists: {@code [{"group": ["target", ...]}, ...]} (a plain mapping is accepted too).
     */
    public Map<String, List<String>> fallbackMap(String key) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        YamlNode n = node(key);
        if (n == null) {
            return out;
        }
        String at = child(key);
        List<YamlNode> entries = n.kind() == YamlNode.Kind.MAP ? List.of(n) : n.kind() == YamlNode.Kind.LIST ? n.list() : null;
        if (entries == null) {
            throw error(at, n.line(), "must be a list like [{\"my-group\": [\"fallback-group\"]}], was " + describe(n));
        }
        for (int i = 0; i < entries.size(); i++) {
            YamlNode e = entries.get(i);
            String ea = n.kind() == YamlNode.Kind.LIST ? at + "[" + i + "]" : at;
            if (e.kind() != YamlNode.Kind.MAP) {
                throw error(ea, e.line(), "must be a mapping like {\"my-group\": [\"fallback-group\"]}, was " + describe(e));
            }
            Section s = new Section(ctx, ea, e);
            for (String group : s.keys()) {
                YamlNode v = e.map().get(group);
                out.put(group, v != null && v.isScalar() && v.kind() != YamlNode.Kind.NULL ? List.of(s.string(group)) : s.strings(group));
            }
        }
        return out;
    }
}
