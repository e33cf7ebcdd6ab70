package dev.llmux.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts that make each check-and-update atomic in Redis. Arithmetic that feeds a write is done in Java
 * and passed as a string: Lua numbers are doubles and Redis would format large ones as {@code 1e+15}.
 */
public enum Scripts {

    /** KEYS: minute hash, in-flight counter. ARGV: rpm limit, tpm limit, tokens, minute ttl ms. Returns 1 if admitted. */
    ACQUIRE("""
            local req = tonumber(redis.call('HGET', KEYS[1], 'req') or '0')
            local tok = tonumber(redis.call('HGET', KEYS[1], 'tok') or '0')
            local rpm = tonumber(ARGV[1])
            local tpm = tonumber(ARGV[2])
            if rpm > 0 and req + 1 > rpm then return 0 end
            if tpm > 0 and tok + tonumber(ARGV[3]) > tpm then return 0 end
            redis.call('HINCRBY', KEYS[1], 'req', 1)
            redis.call('HINCRBY', KEYS[1], 'tok', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], 600000)
            return 1
            """),

    /** KEYS: minute hash, in-flight counter. ARGV: token correction, minute ttl ms. */
    RELEASE("""
            if redis.call('DECR', KEYS[2]) < 0 then redis.call('SET', KEYS[2], '0') end
            if ARGV[1] ~= '0' then
              if redis.call('HINCRBY', KEYS[1], 'tok', ARGV[1]) < 0 then redis.call('HSET', KEYS[1], 'tok', '0') end
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 1
            """),

    /** KEYS: minute hash. ARGV: minute ttl ms. */
    SUCCESS("""
            redis.call('HINCRBY', KEYS[1], 'ok', 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """),

    /**
     * KEYS: minute hash, cooldown key. ARGV: counter, allowed fails, failure ratio, min requests, now ms, cooling-until
     * ms, cooldown key ttl ms, minute ttl ms. Returns 1 when this failure started a cooldown.
     */
    FAILURE("""
            local fails = redis.call('HINCRBY', KEYS[1], 'fail', 1)
            local n = redis.call('HINCRBY', KEYS[1], 'f:' .. ARGV[1], 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[8])
            local ok = tonumber(redis.call('HGET', KEYS[1], 'ok') or '0')
            local finished = fails + ok
            local tooMany = n > tonumber(ARGV[2])
            local tooRatio = finished >= tonumber(ARGV[4]) and (fails / finished) > tonumber(ARGV[3])
            if tooMany or tooRatio then
              local cooling = tonumber(redis.call('GET', KEYS[2]) or '0')
              if cooling <= tonumber(ARGV[5]) then
                redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[7])
                return 1
              end
            end
            return 0
            """),

    /** KEYS: budget hash. ARGV: limit, amount, ttl ms. Returns 1 when reserved. */
    RESERVE("""
            local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
            local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
            if spent + reserved + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end
            redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """),

    /** KEYS: budget hash. ARGV: minus the reservation, spent, ttl ms. Returns {spent, reserved}. */
    SETTLE("""
            local reserved = redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[1])
            if reserved < 0 then redis.call('HSET', KEYS[1], 'reserved', '0'); reserved = 0 end
            local spent = redis.call('HINCRBY', KEYS[1], 'spent', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return {spent, reserved}
            """);

    private final String source;
    private final String sha;

    Scripts(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    public String source() {
        return source;
    }

    /** The SHA-1 Redis knows the script by (EVALSHA). */
    public String sha() {
        return sha;
    }
}
