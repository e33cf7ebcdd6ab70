package dev.llmux.internal.stream;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The timer for a stream's guards (its idle timeout, the grace after OpenAI's {@code [DONE]}): timeouts that are
 * armed and disarmed once per stream and almost never fire.
 *
 * <p>{@link Schedulers#parallel()} keeps each delayed task in a {@code ScheduledThreadPoolExecutor}: arming one
 * on an empty queue wakes a worker thread, and disarming it takes the queue's lock, so every OpenAI stream paid for two
 * thread wake-ups: about 8 µs of CPU per stream in {@code cpu -stream}, where the raw stream costs about 40 µs. Here delayed tasks go on
 * one shared hashed wheel ({@link HashedWheelTimer}, one daemon thread, {@link #TICK} per tick): arming and
 * disarming only enqueue, and nothing wakes until a tick. A task fires up to one tick late. When one fires, it
 * runs on {@link Schedulers#parallel()}, so the wheel's thread never runs a subscriber. Tasks without a delay and
 * workers are {@link Schedulers#parallel()}'s.
 */
public final class CoarseTimer implements Scheduler {

    /** The wheel's resolution: a task fires between its delay and its delay plus this. */
    public static final long TICK_MILLIS = 10;

    private static final CoarseTimer SHARED = new CoarseTimer();

    private final HashedWheelTimer wheel = new HashedWheelTimer(new DefaultThreadFactory("llmux-timer", true),
            TICK_MILLIS, TimeUnit.MILLISECONDS, 512, false);

    private CoarseTimer() {}

    /** The one timer of the process (its thread starts with the first delayed task). */
    public static Scheduler shared() {
        return SHARED;
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        Timeout timeout = wheel.newTimeout(t -> Schedulers.parallel().schedule(task), delay, unit);
        return new Disposable() {
            @Override
            public void dispose() {
                timeout.cancel();
            }

            @Override
            public boolean isDisposed() {
                return timeout.isCancelled() || timeout.isExpired();
            }
        };
    }

    @Override
    public Disposable schedule(Runnable task) {
        return Schedulers.parallel().schedule(task);
    }

    @Override
    public Worker createWorker() {
        return Schedulers.parallel().createWorker();
    }

    /** Shared with the whole process: never stopped. */
    @Override
    public void dispose() {}
}
