package dev.llmux.gateway.keys;

import dev.llmux.gateway.auth.Authenticator;
import dev.llmux.gateway.store.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets the spend of keys and teams whose budget period ended, on a schedule. Several instances may run it at
 * once: the store's conditional update lets exactly one of them reset each budget. A reset moves the period's
 * reset time on, which is also the id of the limit-state counter, so every instance starts counting afresh.
 */
public final class BudgetResetter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BudgetResetter.class);

    private final KeyStore store;
    private final Authenticator auth;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    public BudgetResetter(KeyStore store, Authenticator auth, Clock clock, Duration interval) {
        this.store = store;
        this.auth = auth;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmux-budget-reset");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            resetDue();
        } catch (RuntimeException e) {
            log.warn("budget reset run failed, will try again: {}", e.toString());
        }
    }

    /** Resets every budget due now; returns what was reset ({@code key:<hash>}, {@code team:<id>}). */
    public List<String> resetDue() {
        List<String> reset = store.resetDueBudgets(clock.instant(),
                (duration, now) -> BudgetDuration.nextReset(duration, now));
        if (!reset.isEmpty()) {
            log.info("reset {} budget(s) whose period ended", reset.size());
            auth.invalidateAll();
        }
        return reset;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
