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
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

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

    @Test
    void should_leave_time_to_a_replaced_parallel_scheduler_such_as_virtual_time() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            AtomicBoolean ran = new AtomicBoolean();
            CoarseTimer.shared().schedule(() -> ran.set(true), 1, TimeUnit.HOURS);

            time.advanceTimeBy(Duration.ofMinutes(59));
            assertThat(ran).isFalse();
            time.advanceTimeBy(Duration.ofMinutes(1));
            assertThat(ran).isTrue();
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void should_not_run_a_task_disposed_after_it_fired_but_before_it_ran() throws InterruptedException {
        // parallel's workers are all busy, so a fired task waits there; disposing it then must still stop it
        int workers = Schedulers.DEFAULT_POOL_SIZE;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            Schedulers.parallel().schedule(() -> {
                busy.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean ran = new AtomicBoolean();
            Disposable task = CoarseTimer.shared().schedule(() -> ran.set(true), 10, TimeUnit.MILLISECONDS);
            Thread.sleep(100); // fired on the wheel, queued behind the busy workers

            task.dispose();
            release.countDown();
            Thread.sleep(100);

            assertThat(task.isDisposed()).isTrue();
            assertThat(ran).isFalse();
        } finally {
            release.countDown();
        }
    }

    @Test
    void should_run_a_task_without_delay_at_once() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);

        CoarseTimer.shared().schedule(ran::countDown, 0, TimeUnit.MILLISECONDS);

        assertThat(ran.await(1, TimeUnit.SECONDS)).isTrue();
    }
}
