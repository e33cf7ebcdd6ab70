package dev.llmux.error;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A call was refused because it could push a budget past its limit. Status 429 with OpenAI type
 * {@code budget_exceeded}: like an exhausted quota it is a "too many" condition that clears by itself when the
 * budget's period resets (LiteLLM's proxy answers 400 or 429 depending on the path; llmux picks 429 so clients
 * that back off on 429 do the right thing). Not retryable: trying again in the same period cannot succeed.
 * {@link #retryAfter()} says when the period resets.
 */
public class BudgetExceededException extends RateLimitException {

    private final String budget;
    private final BigDecimal limit;
    private final @Nullable BigDecimal spent;

    public BudgetExceededException(String message, ErrorDetails details, String budget, BigDecimal limit, @Nullable BigDecimal spent) {
        super(message, details, true);
        this.budget = budget;
        this.limit = limit;
        this.spent = spent;
    }

    /** The budget's name. */
    public String budget() {
        return budget;
    }

    /** The budget's limit in USD per period. */
    public BigDecimal limit() {
        return limit;
    }

    /** Spend plus reservations when the call was refused, if known. */
    public @Nullable BigDecimal spent() {
        return spent;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public String openAiType() {
        return "budget_exceeded";
    }

    @Override
    public BudgetExceededException withDetails(ErrorDetails details) {
        return new BudgetExceededException(getMessage(), details, budget, limit, spent);
    }
}
