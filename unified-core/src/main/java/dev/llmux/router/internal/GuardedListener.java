package dev.llmux.router.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.error.LlmuxException;
import dev.llmux.router.Budget;
import dev.llmux.router.Fallbacks;
import dev.llmux.router.RouterListener;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Fans events out to user listeners on an executor, so that neither a slow listener (it runs elsewhere) nor a
 * throwing one (caught here) can affect a call. Events rejected by a full executor are dropped.
 */
public final class GuardedListener extends RouterListener {

    private static final System.Logger LOG = System.getLogger(GuardedListener.class.getName());
    private static final Set<Class<?>> WARNED = ConcurrentHashMap.newKeySet();

    private final List<RouterListener> listeners;
    private final Executor executor;

    public GuardedListener(List<RouterListener> listeners, Executor executor) {
        this.listeners = listeners;
        this.executor = executor;
    }

    private static final class DefaultExecutor {
        static final ThreadPoolExecutor INSTANCE = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "llmux-router-listener");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** One shared daemon thread with a bounded queue; drops events when full. */
    public static Executor defaultExecutor() {
        return DefaultExecutor.INSTANCE;
    }

    private void emit(Consumer<RouterListener> event) {
        for (RouterListener l : listeners) {
            try {
                executor.execute(() -> {
                    try {
                        event.accept(l);
                    } catch (Throwable t) {
                        if (WARNED.add(l.getClass())) {
                            LOG.log(System.Logger.Level.WARNING, "router listener " + l.getClass().getName()
                                    + " threw; its exceptions are ignored (reported once)", t);
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                // a full or shut-down executor: drop the event rather than delay the call
            }
        }
    }

    @Override
    public void request(String group, ChatRequest request, boolean stream) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.request(group, request, stream));
    }

    @Override
    public void success(String group, String deployment, int attempts, Duration latency, @Nullable BigDecimal cost) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.success(group, deployment, attempts, latency, cost));
    }

    @Override
    public void failure(String group, LlmuxException error, int attempts) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.failure(group, error, attempts));
    }

    @Override
    public void retry(String group, String deployment, LlmuxException error, int attempt, Duration delay) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.retry(group, deployment, error, attempt, delay));
    }

    @Override
    public void fallback(String fromGroup, String toGroup, Fallbacks.Kind kind, @Nullable LlmuxException error) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.fallback(fromGroup, toGroup, kind, error));
    }

    @Override
    public void cooldownStarted(String group, String deployment, Duration duration, LlmuxException cause) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.cooldownStarted(group, deployment, duration, cause));
    }

    @Override
    public void cooldownEnded(String group, String deployment) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.cooldownEnded(group, deployment));
    }

    @Override
    public void budgetThreshold(Budget budget, double threshold, BigDecimal spent) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.budgetThreshold(budget, threshold, spent));
    }

    @Override
    public void cacheHit(String group) {
        if (listeners.isEmpty()) {
            return;
        }
        emit(l -> l.cacheHit(group));
    }
}
