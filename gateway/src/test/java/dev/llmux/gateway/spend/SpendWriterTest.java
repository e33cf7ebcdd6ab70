package dev.llmux.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The spend writer rides out a database outage within its buffer, and counts what it must drop. */
class SpendWriterTest {

    /** A store that fails while {@link #down} is set. */
    static final class FlakyStore implements SpendStore {
        final AtomicBoolean down = new AtomicBoolean();
        final List<SpendLog> written = new ArrayList<>();

        @Override
        public synchronized void write(List<SpendLog> batch) {
            if (down.get()) {
                throw new IllegalStateException("database is down");
            }
            written.addAll(batch);
        }
    }

    private static SpendLog log(int i) {
        Instant t = Instant.parse("2026-11-25T12:00:00Z");
        return new SpendLog("req-" + i, "chat", null, null, null, "m", null, "fake", "m", 1, 1, 0, 0, BigDecimal.ONE, t, t, 200,
                null, false);
    }

    @Test
    void should_keep_logs_through_an_outage_and_write_them_when_the_database_returns() {
        FlakyStore store = new FlakyStore();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SpendWriter writer = new SpendWriter(store, 100, Duration.ofHours(1), meters);
        store.down.set(true);
        for (int i = 0; i < 40; i++) {
            writer.record(log(i));
        }

        assertThat(writer.flush()).isFalse();
        assertThat(writer.backlog()).isEqualTo(40);
        assertThat(meters.counter("llmux.gateway.spend.logs.flush.failures").count()).isEqualTo(1);

        store.down.set(false);
        assertThat(writer.flush()).isTrue();
        assertThat(store.written).hasSize(40);
        assertThat(writer.backlog()).isZero();
        writer.close();
    }

    @Test
    void should_drop_and_count_logs_once_the_buffer_is_full() {
        FlakyStore store = new FlakyStore();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SpendWriter writer = new SpendWriter(store, 10, Duration.ofHours(1), meters);
        store.down.set(true);

        for (int i = 0; i < 15; i++) {
            writer.record(log(i));
        }

        assertThat(writer.backlog()).isEqualTo(10);
        assertThat(meters.counter("llmux.gateway.spend.logs.dropped").count()).isEqualTo(5);
        store.down.set(false);
        writer.close();
        assertThat(store.written).hasSize(10);
    }

    @Test
    void should_write_every_queued_log_in_one_timer_run_when_more_than_a_batch_is_waiting() {
        FlakyStore store = new FlakyStore();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SpendWriter writer = new SpendWriter(store, 10_000, Duration.ofHours(1), meters);
        for (int i = 0; i < 1_234; i++) {
            writer.record(log(i));
        }

        writer.tick();

        assertThat(store.written).hasSize(1_234);
        assertThat(writer.backlog()).isZero();
        assertThat(meters.counter("llmux.gateway.spend.logs.written").count()).isEqualTo(1_234);
        writer.close();
    }

    @Test
    void should_write_a_full_batch_before_the_next_timer_run_when_one_is_waiting() throws InterruptedException {
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        List<SpendLog> rows = java.util.Collections.synchronizedList(new ArrayList<>());
        SpendStore store = batch -> {
            rows.addAll(batch);
            written.countDown();
        };
        SpendWriter writer = new SpendWriter(store, 10_000, Duration.ofHours(1), new SimpleMeterRegistry());
        for (int i = 0; i < 499; i++) {
            writer.record(log(i));
        }
        assertThat(rows).isEmpty();

        writer.record(log(499));

        assertThat(written.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(rows).hasSize(500);
        writer.close();
    }
}
