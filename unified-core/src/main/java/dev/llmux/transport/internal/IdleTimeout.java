package dev.llmux.transport.internal;

import dev.llmux.internal.stream.CoarseTimer;
import dev.llmux.transport.TransportException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Fails a response body that stays silent for the idle timeout with {@link TransportException.Kind#IDLE_TIMEOUT}:
 * the same contract as {@code Flux.timeout(idle)}, at a per-stream instead of a per-element cost.
 * {@code Flux.timeout} arms a timer on a scheduler for every element and cancels it at the next (an allocation
 * and a hand-off to another thread per streamed chunk). Here an element only records when it arrived; one timer
 * per stream wakes up when the idle time since the stream began could be over, and either fails the stream or
 * sleeps again until the idle time since the latest element could be over. So a stream costs one timer per idle
 * period, however many chunks it carries.
 */
final class IdleTimeout {

    private static final int WATCHING = 0;
    private static final int ENDED = 1;
    private static final int EXPIRED = 2;

    private IdleTimeout() {}

    /** {@code body}, failing when no element arrives for {@code idle} (counted from the subscription). */
    static <T> Flux<T> apply(Flux<T> body, Duration idle) {
        return apply(body, idle, CoarseTimer.shared(), System::nanoTime);
    }

    /** As {@link #apply(Flux, Duration)}, on the given timer and monotonic clock (in nanoseconds). */
    static <T> Flux<T> apply(Flux<T> body, Duration idle, Scheduler timer, LongSupplier nanoClock) {
        long idleNanos = idle.toNanos();
        return Flux.defer(() -> {
            Watch watch = new Watch(idleNanos, timer, nanoClock);
            return body.doOnNext(x -> watch.lastActivity = nanoClock.getAsLong())
                    .doOnComplete(watch::bodyEnded)
                    .takeUntilOther(watch.expiry())
                    .concatWith(Flux.defer(() -> watch.state.get() == EXPIRED
                            ? Flux.error(new TransportException(TransportException.Kind.IDLE_TIMEOUT,
                                    "no data for " + idle.toMillis() + " ms while streaming", null))
                            : Flux.empty()));
        });
    }

    /** One stream's clock: when its latest element arrived, and the one timer watching it. */
    private static final class Watch {
        private final long idleNanos;
        private final Scheduler timer;
        private final LongSupplier clock;
        volatile long lastActivity;
        /**
         * {@link #WATCHING} until either the body completes ({@link #ENDED}) or the timer finds it silent
         * ({@link #EXPIRED}); whichever comes first wins, so a body completing at the very moment the idle time
         * runs out either completes or fails, never both.
         */
        final AtomicInteger state = new AtomicInteger(WATCHING);
        private volatile boolean stopped;
        private volatile Disposable pending = Disposables.never();

        Watch(long idleNanos, Scheduler timer, LongSupplier clock) {
            this.idleNanos = idleNanos;
            this.timer = timer;
            this.clock = clock;
            this.lastActivity = clock.getAsLong();
        }

        void bodyEnded() {
            state.compareAndSet(WATCHING, ENDED);
        }

        /** Emits once the stream has been silent for the idle time; cancelling it stops the timer. */
        Mono<Boolean> expiry() {
            return Mono.create(sink -> {
                Runnable check = new Runnable() {
                    @Override
                    public void run() {
                        if (stopped) {
                            return;
                        }
                        long wait = lastActivity + idleNanos - clock.getAsLong();
                        if (wait <= 0) {
                            if (state.compareAndSet(WATCHING, EXPIRED)) {
                                sink.success(Boolean.TRUE);
                            }
                        } else {
                            pending = timer.schedule(this, wait, TimeUnit.NANOSECONDS);
                            if (stopped) {
                                pending.dispose(); // cancelled while this was rescheduling
                            }
                        }
                    }
                };
                sink.onDispose(() -> {
                    stopped = true;
                    pending.dispose();
                });
                lastActivity = clock.getAsLong();
                pending = timer.schedule(check, idleNanos, TimeUnit.NANOSECONDS);
                if (stopped) {
                    pending.dispose();
                }
            });
        }
    }
}
