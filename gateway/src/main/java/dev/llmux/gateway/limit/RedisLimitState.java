package dev.llmux.gateway.limit;

import dev.llmux.gateway.config.GatewaySettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Limit state in Redis, shared by every gateway instance: each acquire and settle is one Lua script, so the
 * check-and-take of all a request's claims is atomic across instances and limits do not multiply with the number
 * of instances. Counters expire by themselves (minute windows after two minutes, budget periods after 40 days,
 * parallel slots after an hour of no traffic, so a crashed instance cannot hold slots forever). All claims of a
 * request live in one script call, so this needs a single Redis (or a cluster with hash tags), not Redis Cluster.
 */
public final class RedisLimitState implements LimitState {

    private static final String PREFIX = "llmux:limit:";

    private static final String ACQUIRE = """
            local n = tonumber(ARGV[1])
            for i = 1, n do
              local b = 1 + (i - 1) * 4
              local typ, limit, amt = ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3])
              local k = KEYS[i]
              if typ == 'rpm' or typ == 'par' then
                if tonumber(redis.call('GET', k) or '0') + 1 > limit then return {i, 0} end
              elseif typ == 'tpm' then
                local cur = tonumber(redis.call('GET', k) or '0')
                if cur >= limit or cur + amt > limit then return {i, 0} end
              else
                redis.call('HSETNX', k, 'spent', ARGV[b + 4])
                local spent = tonumber(redis.call('HGET', k, 'spent'))
                local reserved = tonumber(redis.call('HGET', k, 'reserved') or '0')
                if spent >= limit or spent + reserved + amt > limit then return {i, redis.call('HGET', k, 'spent')} end
              end
            end
            for i = 1, n do
              local b = 1 + (i - 1) * 4
              local typ, k = ARGV[b + 1], KEYS[i]
              if typ == 'rpm' then redis.call('INCR', k); redis.call('EXPIRE', k, 120)
              elseif typ == 'tpm' then redis.call('INCRBY', k, ARGV[b + 3]); redis.call('EXPIRE', k, 120)
              elseif typ == 'par' then redis.call('INCR', k); redis.call('EXPIRE', k, 3600)
              else redis.call('HINCRBY', k, 'reserved', ARGV[b + 3]); redis.call('EXPIRE', k, 3456000) end
            end
            return {0, 0}
            """;

    private static final String SETTLE = """
            local n, tokens, nanos = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
            for i = 1, n do
              local b = 3 + (i - 1) * 2
              local typ, reserve, k = ARGV[b + 1], ARGV[b + 2], KEYS[i]
              if typ == 'tpm' then
                if redis.call('EXISTS', k) == 1 then
                  local v = redis.call('INCRBY', k, tokens - tonumber(reserve))
                  if v < 0 then redis.call('SET', k, 0, 'KEEPTTL') end
                end
              elseif typ == 'par' then
                if redis.call('DECR', k) < 0 then redis.call('SET', k, 0, 'KEEPTTL') end
              elseif typ == 'budget' then
                if redis.call('HINCRBY', k, 'reserved', '-' .. reserve) < 0 then redis.call('HSET', k, 'reserved', 0) end
                redis.call('HINCRBY', k, 'spent', nanos)
              end
            end
            return 0
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisReactiveCommands<String, String> redis;
    private final String acquireSha = sha1(ACQUIRE);
    private final String settleSha = sha1(SETTLE);

    private RedisLimitState(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
        this.redis = connection.reactive();
    }

    public static RedisLimitState connect(GatewaySettings.RedisSettings s) {
        RedisURI.Builder uri = RedisURI.builder().withHost(s.host()).withPort(s.port()).withTimeout(Duration.ofSeconds(2));
        if (s.password() != null) {
            uri.withPassword(s.password().toCharArray());
        }
        return new RedisLimitState(RedisClient.create(uri.build()));
    }

    @Override
    public Mono<Refusal> acquire(List<Claim> claims, long minute) {
        List<String> keys = new ArrayList<>(claims.size());
        List<String> args = new ArrayList<>(1 + claims.size() * 4);
        args.add(Integer.toString(claims.size()));
        for (Claim c : claims) {
            keys.add(key(c, minute));
            if (c instanceof Claim.Requests r) {
                args.addAll(List.of("rpm", Long.toString(r.perMinute()), "1", "0"));
            } else if (c instanceof Claim.Tokens t) {
                args.addAll(List.of("tpm", Long.toString(t.perMinute()), Long.toString(t.reserve()), "0"));
            } else if (c instanceof Claim.Parallel p) {
                args.addAll(List.of("par", Long.toString(p.max()), "1", "0"));
            } else {
                Claim.Budget b = (Claim.Budget) c;
                args.addAll(List.of("budget", Long.toString(b.maxNanos()), Long.toString(b.reserveNanos()),
                        Long.toString(b.storedSpentNanos())));
            }
        }
        return eval(ACQUIRE, acquireSha, ScriptOutputType.MULTI, keys, args).collectList().flatMap(out -> {
            long index = ((Number) out.get(0)).longValue();
            if (index == 0) {
                return Mono.empty();
            }
            Object spent = out.get(1);
            Long spentNanos = spent instanceof Number n ? Long.valueOf(n.longValue())
                    : spent instanceof String s ? Long.valueOf(Long.parseLong(s)) : null;
            Claim refused = claims.get((int) index - 1);
            return Mono.just(new Refusal(refused, refused instanceof Claim.Budget ? spentNanos : null));
        });
    }

    @Override
    public Mono<Void> settle(List<Claim> claims, long minute, long actualTokens, long actualNanos) {
        List<String> keys = new ArrayList<>(claims.size());
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(claims.size()));
        args.add(Long.toString(actualTokens));
        args.add(Long.toString(actualNanos));
        for (Claim c : claims) {
            keys.add(key(c, minute));
            if (c instanceof Claim.Requests) {
                args.addAll(List.of("rpm", "0"));
            } else if (c instanceof Claim.Tokens t) {
                args.addAll(List.of("tpm", Long.toString(t.reserve())));
            } else if (c instanceof Claim.Parallel) {
                args.addAll(List.of("par", "0"));
            } else {
                args.addAll(List.of("budget", Long.toString(((Claim.Budget) c).reserveNanos())));
            }
        }
        return eval(SETTLE, settleSha, ScriptOutputType.INTEGER, keys, args).then();
    }

    @Override
    public Mono<Long> spent(String scope, String period) {
        return redis.hget(PREFIX + "budget:" + scope + ":" + period, "spent").map(Long::parseLong);
    }

    @Override
    public Mono<Boolean> ping() {
        return redis.ping().map("PONG"::equals);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

    private static String key(Claim c, long minute) {
        if (c instanceof Claim.Requests) {
            return PREFIX + "rpm:" + c.scope() + ":" + minute;
        }
        if (c instanceof Claim.Tokens) {
            return PREFIX + "tpm:" + c.scope() + ":" + minute;
        }
        if (c instanceof Claim.Parallel) {
            return PREFIX + "par:" + c.scope();
        }
        return PREFIX + "budget:" + c.scope() + ":" + ((Claim.Budget) c).period();
    }

    /** EVALSHA, loading the script with EVAL the first time a Redis has not seen it. */
    private Flux<Object> eval(String script, String sha, ScriptOutputType type, List<String> keys, List<String> args) {
        String[] k = keys.toArray(String[]::new);
        String[] a = args.toArray(String[]::new);
        return redis.<Object>evalsha(sha, type, k, a)
                .onErrorResume(RedisNoScriptException.class, e -> redis.<Object>eval(script, type, k, a))
                .flatMapIterable(o -> o instanceof List<?> l ? l : List.of(o));
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
