package dev.llmux.gateway.limit;

import java.util.Objects;

/**
 * One thing a request takes from a shared limit before it runs; every claim of a request is granted together or
 * not at all. {@code scope} names the holder ({@code key:<hash>}, {@code team:<id>}).
 */
public sealed interface Claim {

    String scope();

    /** A human name of the limit for error messages. */
    String describe();

    /** One request from a requests-per-minute window. */
    record Requests(String scope, long perMinute) implements Claim {
        public Requests {
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public String describe() {
            return "rpm limit of " + perMinute;
        }
    }

    /** {@code reserve} tokens from a tokens-per-minute window, reconciled with the real count afterwards. */
    record Tokens(String scope, long perMinute, long reserve) implements Claim {
        public Tokens {
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public String describe() {
            return "tpm limit of " + perMinute;
        }
    }

    /** One slot of at most {@code max} requests in flight. */
    record Parallel(String scope, long max) implements Claim {
        public Parallel {
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public String describe() {
            return "max parallel requests of " + max;
        }
    }

    /**
     * A reservation of {@code reserveNanos} (USD × 10⁹) against a budget of {@code maxNanos} for the period
     * {@code period}; {@code storedSpentNanos} seeds the period's spend the first time any instance sees it.
     */
    record Budget(String scope, String period, long maxNanos, long reserveNanos, long storedSpentNanos) implements Claim {
        public Budget {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(period, "period");
        }

        @Override
        public String describe() {
            return "budget";
        }
    }
}
