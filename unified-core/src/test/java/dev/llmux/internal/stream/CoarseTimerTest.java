package dev.llmux.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

class CoarseTimerTest {

    @Test
    void should_run_a_delayed_task_no_earlier_than_its_delay_and_off_the_wheels_thread() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        long start = System.nanoTime();

        CoarseTimer.shared().schedule(() -> {
            thread.set(Thread.currentThread().getName());
            ran.countDown();
        }, 50, TimeUnit.MILLISECONDS);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(thread.get()).startsWith("parallel-").doesNotContain("llmux-timer");
    }

    @Test
    void should_never_run_a_task_cancelled_before_its_time() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Disposable task = CoarseTimer.shared().schedule(() -> ran.set(true), 30, TimeUnit.MILLISECONDS);

        task.dispose();
        Thread.sleep(150);

        assertThat(task.isDisposed()).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void should_time_reactor_operators() {
        Long value = Mono.delay(Duration.ofMillis(20), CoarseTimer.shared()).block(Duration.ofSeconds(5));

        assertThat(value).isZero();
    }
}
