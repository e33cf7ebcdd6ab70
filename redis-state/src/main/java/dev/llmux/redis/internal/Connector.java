package dev.llmux.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One lazily opened Lettuce connection. A failed connect is forgotten so the next command tries again; commands on
 * a broken connection fail at once (no queueing) and every command is bounded by {@code timeout}, so a Redis outage
 * costs a call at most that long (plus up to two seconds while a connection is being opened).
 */
public final class Connector implements AutoCloseable {

    /** Bounds opening (or re-opening) the connection; commands have their own, shorter timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final RedisURI uri;
    private final boolean ownsClient;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection = new AtomicReference<>();

    public Connector(RedisClient client, RedisURI uri, boolean ownsClient, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.ownsClient = ownsClient;
        this.timeout = timeout;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    public static RedisClient client(RedisURI uri) {
        return RedisClient.create(uri);
    }

    private Mono<RedisReactiveCommands<String, String>> commands() {
        return Mono.defer(() -> {
            CompletableFuture<StatefulRedisConnection<String, String>> f = connection.get();
            if (f == null || f.isCompletedExceptionally()) {
                CompletableFuture<StatefulRedisConnection<String, String>> fresh =
                        client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
                f = connection.compareAndSet(connection.get(), fresh) ? fresh : connection.get();
            }
            return Mono.fromFuture(f).timeout(CONNECT_TIMEOUT).map(StatefulRedisConnection::reactive);
        });
    }

    /** Runs one command (or a few) against the connection, bounded by the timeout. */
    public <T> Mono<T> run(Function<RedisReactiveCommands<String, String>, Mono<T>> command) {
        return commands().flatMap(c -> command.apply(c).timeout(timeout));
    }

    public <T> Flux<T> runMany(Function<RedisReactiveCommands<String, String>, Flux<T>> command) {
        return commands().flatMapMany(c -> command.apply(c).timeout(timeout));
    }

    /** EVALSHA, loading the script first when Redis does not know it (after a restart or a SCRIPT FLUSH). */
    public <T> Mono<T> eval(Scripts script, ScriptOutputType type, String[] keys, String... args) {
        return run(c -> c.<T>evalsha(script.sha(), type, keys, args).next()
                .onErrorResume(RedisNoScriptException.class, e -> c.scriptLoad(script.source())
                        .then(c.<T>evalsha(script.sha(), type, keys, args).next())));
    }

    @Override
    public void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> f = connection.getAndSet(null);
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            f.join().close();
        }
        if (ownsClient) {
            client.shutdown();
        }
    }
}
