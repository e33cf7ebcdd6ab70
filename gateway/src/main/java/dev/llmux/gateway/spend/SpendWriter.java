package dev.llmux.gateway.spend;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes spend logs in batches on its own thread, never on the request path: at every interval, and as soon as a
 * full batch is waiting. The buffer is bounded: while the
 * database is down, batches are kept and retried with backoff; once the buffer is full new logs are dropped,
 * counted ({@code llmux.gateway.spend.logs.dropped}) and logged. {@link #close()} flushes what is left.
 */
public final class SpendWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpendWriter.class);
    private static final int MAX_BATCH = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SpendStore store;
    private final BlockingQueue<SpendLog> queue;
    private final int capacity;
    private final Duration interval;
    private final ScheduledExecutorService thread;
    private final Counter dropped;
    private final Counter written;
    private final Counter flushFailures;
    private final AtomicInteger pendingSize = new AtomicInteger();
    private final AtomicLong droppedSinceLastLog = new AtomicLong();
    /** Set when a request has asked the writer thread for an early run that has not started yet. */
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final Object flushLock = new Object();
    private List<SpendLog> pending = new ArrayList<>();
    private int failuresInARow;
    private long nextAttemptNanos;

    public SpendWriter(SpendStore store, int capacity, Duration interval, MeterRegistry meters) {
        this.store = store;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.interval = interval;
        this.dropped = Counter.builder("llmux.gateway.spend.logs.dropped")
                .description("spend logs dropped because the buffer was full").register(meters);
        this.written = Counter.builder("llmux.gateway.spend.logs.written").register(meters);
        this.flushFailures = Counter.builder("llmux.gateway.spend.logs.flush.failures").register(meters);
        meters.gauge("llmux.gateway.spend.logs.pending", this, SpendWriter::backlog);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmux-spend-writer");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        thread.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Queues a log; never blocks. */
    public void record(SpendLog entry) {
        // a failed batch waiting for its retry counts against the bound too, so an outage cannot grow memory
        // without limit; no lock here: the request path must never wait for a database write
        int queued = queue.size();
        if (pendingSize.get() + queued < capacity && queue.offer(entry)) {
            if (queued + 1 >= MAX_BATCH && kicked.compareAndSet(false, true)) {
                // a full batch is waiting: write it now rather than at the next timer run, so a load of more than
                // capacity logs per interval does not fill the buffer
                try {
                    thread.execute(this::tick);
                } catch (RejectedExecutionException closed) {
                    // closing: close() writes what is left
                }
            }
            return;
        }
        dropped.increment();
        if (droppedSinceLastLog.getAndIncrement() == 0) {
            log.warn("spend log buffer is full ({} entries): dropping spend logs until the database catches up", capacity);
        }
    }

    public int backlog() {
        return pendingSize.get() + queue.size();
    }

    /** One timer run: writes everything queued when it starts, batch by batch, unless a retry is not yet due. */
    void tick() {
        try {
            if (System.nanoTime() - nextAttemptNanos < 0) {
                return; // a kick while waiting for a retry leaves the flag set: no more kicks until the retry
            }
            kicked.set(false);
            // one batch per run would cap the writer at MAX_BATCH logs per interval (250 a second by default), so
            // any steady load above that filled the buffer and then dropped logs
            for (int batches = (backlog() + MAX_BATCH - 1) / MAX_BATCH; batches > 0; batches--) {
                if (!flushOnce()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("spend writer tick failed", e);
        }
    }

    /** Writes everything buffered now; true when the buffer is empty afterwards. */
    public boolean flush() {
        for (int i = 0; i < 1000; i++) {
            if (!flushOnce()) {
                return false;
            }
            if (backlog() == 0) {
                return true;
            }
        }
        return backlog() == 0;
    }

    private boolean flushOnce() {
        synchronized (flushLock) {
            if (pending.isEmpty()) {
                queue.drainTo(pending, MAX_BATCH);
                pendingSize.set(pending.size());
            }
            if (pending.isEmpty()) {
                return true;
            }
            try {
                store.write(pending);
                written.increment(pending.size());
                pending = new ArrayList<>();
                pendingSize.set(0);
                if (failuresInARow > 0) {
                    log.info("spend logs are being written again after {} failed attempts", failuresInARow);
                }
                failuresInARow = 0;
                long d = droppedSinceLastLog.getAndSet(0);
                if (d > 0) {
                    log.warn("{} spend logs were dropped while the buffer was full", d);
                }
                return true;
            } catch (RuntimeException e) {
                failuresInARow++;
                flushFailures.increment();
                long backoff = Math.min(MAX_BACKOFF.toMillis(), interval.toMillis() * (1L << Math.min(10, failuresInARow)));
                nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
                log.warn("writing {} spend logs failed (attempt {}), retrying in {} ms: {}", pending.size(), failuresInARow,
                        backoff, e.toString());
                return false;
            }
        }
    }

    /** Stops the timer and writes what is left, trying a few times. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (flush()) {
                return;
            }
            try {
                Thread.sleep(200L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = backlog();
        if (left > 0) {
            dropped.increment(left);
            log.error("{} spend logs could not be written before shutdown and are lost", left);
        }
    }
}
