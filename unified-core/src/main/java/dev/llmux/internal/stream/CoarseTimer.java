package dev.llmux.internal.stream;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The timer for a stream's guards (its idle timeout, the grace after OpenAI's {@code [DONE]}) and the router's
 * call timeouts: timeouts that are armed and disarmed once per call and almost never fire.
 *
 * <p>{@link Schedulers#parallel()} keeps each delayed task in a {@code ScheduledThreadPoolExecutor}: arming one
 * on an empty queue wakes a worker thread, and disarming it takes the queue's lock, so every OpenAI stream paid for two
 * thread wake-ups: about 8 µs of CPU per stream in {@code cpu -stream}, where the raw stream costs about 40 µs.
 * Here delayed tasks go on one shared hashed wheel ({@link HashedWheelTimer}, one daemon thread, {@link #TICK_MILLIS}
 * per tick, started with the first delayed task and kept for the life of the process): arming and disarming only
 * enqueue, and nothing wakes until a tick. A task fires up to one tick late. When one fires, it runs on
 * {@link Schedulers#parallel()}, so the wheel's thread never runs a subscriber; Reactor's schedule hooks
 * ({@link Schedulers#onSchedule}) are applied when the task is scheduled, on the scheduling thread, as Reactor's own
 * schedulers apply them. Tasks without a delay, periodic tasks and workers are {@link Schedulers#parallel()}'s, and
 * so is everything when an application has replaced that scheduler (a {@code Schedulers.Factory}, virtual time in
 * tests), so that such a replacement still governs time.
 */
public final class CoarseTimer implements Scheduler {

    /** The wheel's resolution: a task fires between its delay and its delay plus this. */
    public static final long TICK_MILLIS = 10;

    private static final CoarseTimer SHARED = new CoarseTimer();
    /** Reactor's own parallel scheduler class: anything else in its place was put there by the application. */
    private static final @Nullable Class<?> REACTOR_PARALLEL = reactorParallelClass();

    private final HashedWheelTimer wheel = new HashedWheelTimer(daemonThreads(), TICK_MILLIS, TimeUnit.MILLISECONDS, 512, false);

    private CoarseTimer() {}

    /** The one timer of the process. */
    public static Scheduler shared() {
        return SHARED;
    }

    private static ThreadFactory daemonThreads() {
        return task -> {
            Thread t = new Thread(task, "llmux-timer");
            t.setDaemon(true);
            t.setContextClassLoader(null); // it runs only llmux's hand-off: pin no application's class loader
            return t;
        };
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        Scheduler parallel = Schedulers.parallel();
        if (delay <= 0 || !isReactorsOwn(parallel)) {
            return parallel.schedule(task, delay, unit);
        }
        Delayed delayed = new Delayed(Schedulers.onSchedule(task));
        delayed.timeout = wheel.newTimeout(delayed, delay, unit);
        return delayed;
    }

    /** Whether {@code parallel} (as Reactor hands it out: cached, behind a supplier) is Reactor's own. */
    private static boolean isReactorsOwn(Scheduler parallel) {
        Object actual = parallel instanceof Supplier<?> cached ? cached.get() : parallel;
        return actual != null && actual.getClass() == REACTOR_PARALLEL;
    }

    private static @Nullable Class<?> reactorParallelClass() {
        try {
            return Class.forName("reactor.core.scheduler.ParallelScheduler", false, Schedulers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null; // a Reactor without it: every delayed task goes to the parallel scheduler
        }
    }

    @Override
    public Disposable schedule(Runnable task) {
        return Schedulers.parallel().schedule(task);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return Schedulers.parallel().schedulePeriodically(task, initialDelay, period, unit);
    }

    @Override
    public Worker createWorker() {
        return Schedulers.parallel().createWorker();
    }

    /** Shared with the whole process: never stopped. */
    @Override
    public void dispose() {}

    /** One delayed task: on the wheel until it fires, then on the parallel scheduler until it has run. */
    private static final class Delayed implements Disposable, io.netty.util.TimerTask {
        private final Runnable task;
        volatile @Nullable Timeout timeout;
        private volatile @Nullable Disposable running;
        private volatile boolean disposed;

        Delayed(Runnable task) {
            this.task = task;
        }

        @Override
        public void run(Timeout fired) {
            if (!disposed) {
                running = Schedulers.parallel().schedule(task);
                if (disposed) {
                    dispose(); // disposed while it was being handed over
                }
            }
        }

        @Override
        public void dispose() {
            disposed = true;
            Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
            Disposable r = running;
            if (r != null) {
                r.dispose();
            }
        }

        @Override
        public boolean isDisposed() {
            Disposable r = running;
            return disposed || (r != null && r.isDisposed());
        }
    }
}
