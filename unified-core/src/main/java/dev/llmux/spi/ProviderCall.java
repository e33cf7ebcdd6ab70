package dev.llmux.spi;

import dev.llmux.error.AuthenticationException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.transport.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a provider needs for one call besides the request.
 *
 * @param provider the provider id the caller named (an alias such as {@code ollama_chat} stays as written)
 * @param model the provider's own model name, without the provider prefix
 * @param settings deployment and client settings, already merged and {@code os.environ/}-resolved
 * @param transport the HTTP transport
 * @param clock the client's clock
 * @param env the environment, for the provider's usual variables ({@code OPENAI_API_KEY}, …)
 * @param timeout the first-byte timeout for this call, or null for the transport's
 */
public record ProviderCall(
        String provider,
        String model,
        ProviderSettings settings,
        HttpTransport transport,
        Clock clock,
        Function<String, String> env,
        @Nullable Duration timeout) {

    public ProviderCall {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(env, "env");
    }

    /** A setting, else the first of the environment variables that is set, else null. */
    public @Nullable String setting(String name, String... envVars) {
        String v = settings.get(name);
        if (v != null && !v.isEmpty()) {
            return v;
        }
        for (String var : envVars) {
            String e = env.apply(var);
            if (e != null && !e.isEmpty()) {
                return e;
            }
        }
        return null;
    }

    /**
     * The {@code api_key} setting or the first set environment variable.
     *
     * @throws AuthenticationException naming the setting and variables (never a value) when none is set
     */
    public String requireApiKey(String... envVars) {
        String key = setting("api_key", envVars);
        if (key == null) {
            throw new AuthenticationException(
                    "no API key for " + provider + ": set api_key" + (envVars.length == 0 ? "" : " or " + String.join(" / ", envVars)),
                    ErrorDetails.of(provider, model, 401));
        }
        return key;
    }

    public ProviderCall withModel(String model) {
        return new ProviderCall(provider, model, settings, transport, clock, env, timeout);
    }
}
