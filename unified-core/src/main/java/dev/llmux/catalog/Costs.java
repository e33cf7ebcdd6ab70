package dev.llmux.catalog;

import dev.llmux.api.Usage;
import java.math.BigDecimal;

/** Cost of a call from its usage, in exact decimal USD. */
public final class Costs {

    private Costs() {}

    /**
     * {@code uncached input × input price + cache reads × read price + cache writes × write price + output × output
     * price}. Usage follows OpenAI's semantics: {@code prompt_tokens} includes cache reads and writes.
     */
    public static BigDecimal cost(Usage usage, ModelPrices prices) {
        long cached = usage.cachedTokens();
        long written = usage.cacheWriteTokens();
        long uncached = Math.max(0, (long) usage.promptTokens() - cached - written);
        // terms with no tokens are left out (most calls read and write no cache): the value is the same, and
        // stripTrailingZeros makes the representation the same too
        BigDecimal cost = prices.input().multiply(BigDecimal.valueOf(uncached));
        if (cached != 0) {
            cost = cost.add(prices.cacheReadOrInput().multiply(BigDecimal.valueOf(cached)));
        }
        if (written != 0) {
            cost = cost.add(prices.cacheWriteOrInput().multiply(BigDecimal.valueOf(written)));
        }
        if (usage.completionTokens() != 0) {
            cost = cost.add(prices.output().multiply(BigDecimal.valueOf(usage.completionTokens())));
        }
        return cost.stripTrailingZeros();
    }
}
