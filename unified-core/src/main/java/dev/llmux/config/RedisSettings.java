package dev.llmux.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where shared router state and the response cache live ({@code redis_host}, {@code redis_port},
 * {@code redis_password} in {@code router_settings}, or {@code cache_params} in {@code litellm_settings}).
 * {@link #toString()} hides the password.
 *
 * @param host the host
 * @param port the port (default 6379)
 * @param password the password, or null
 * @param failOpen when Redis cannot be reached: true lets calls through unlimited (default), false refuses them
 *     ({@code router_settings.redis_fail_open}, an llmux key)
 */
public record RedisSettings(String host, int port, @Nullable String password, boolean failOpen) {

    public RedisSettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("redis port must be in 1..65535, was " + port);
        }
    }

    /** {@code redis://[:password@]host:port}. */
    public String uri() {
        return "redis://" + (password == null ? "" : ":" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "@")
                + host + ":" + port;
    }

    @Override
    public String toString() {
        return "RedisSettings[host=" + host + ", port=" + port + ", password=" + (password == null ? "none" : "***") + ", failOpen=" + failOpen + "]";
    }
}
