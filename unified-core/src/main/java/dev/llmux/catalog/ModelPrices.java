package dev.llmux.catalog;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * USD prices per token. Cache prices default to the input price when a model has none.
 *
 * @param input per uncached input token
 * @param output per output token (reasoning included)
 * @param cacheRead per cache-read input token, or null
 * @param cacheWrite per cache-write input token, or null
 */
public record ModelPrices(BigDecimal input, BigDecimal output, @Nullable BigDecimal cacheRead, @Nullable BigDecimal cacheWrite) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public static final ModelPrices FREE = new ModelPrices(BigDecimal.ZERO, BigDecimal.ZERO, null, null);

    public ModelPrices {
        requireNonNegative("input", input);
        requireNonNegative("output", output);
        if (cacheRead != null) {
            requireNonNegative("cacheRead", cacheRead);
        }
        if (cacheWrite != null) {
            requireNonNegative("cacheWrite", cacheWrite);
        }
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " price must not be negative, was " + value);
        }
    }

    /** Prices given per million tokens, as providers publish them. */
    public static ModelPrices perMillion(String input, String output, @Nullable String cacheRead, @Nullable String cacheWrite) {
        return new ModelPrices(perToken(input), perToken(output), cacheRead == null ? null : perToken(cacheRead),
                cacheWrite == null ? null : perToken(cacheWrite));
    }

    private static BigDecimal perToken(String perMillion) {
        return new BigDecimal(perMillion).divide(MILLION);
    }

    public BigDecimal cacheReadOrInput() {
        return cacheRead != null ? cacheRead : input;
    }

    public BigDecimal cacheWriteOrInput() {
        return cacheWrite != null ? cacheWrite : input;
    }
}
