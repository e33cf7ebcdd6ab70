package dev.llmux.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.transport.TransportException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class IdleTimeoutTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    /** Timers scheduled in all, and those neither run nor cancelled yet. */
    private final AtomicInteger scheduled = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final Scheduler counting = new Scheduler() {
        @Override
        public Disposable schedule(Runnable task) {
            return time.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            scheduled.incrementAndGet();
            live.incrementAndGet();
            AtomicBoolean over = new AtomicBoolean();
            Disposable d = time.schedule(() -> {
                if (over.compareAndSet(false, true)) {
                    live.decrementAndGet();
                }
                task.run();
            }, delay, unit);
            return () -> {
                if (over.compareAndSet(false, true)) {
                    live.decrementAndGet();
                }
                d.dispose();
            };
        }

        @Override
        public Worker createWorker() {
            return time.createWorker();
        }

        @Override
        public long now(TimeUnit unit) {
            return time.now(unit);
        }
    };

    @AfterEach
    void tearDown() {
        time.dispose();
    }

    private <T> Flux<T> watched(Flux<T> body, Duration idle) {
        return IdleTimeout.apply(body, idle, counting, () -> time.now(TimeUnit.NANOSECONDS));
    }

    private static boolean isIdleTimeout(Throwable e) {
        return e instanceof TransportException t && t.kind() == TransportException.Kind.IDLE_TIMEOUT
                && t.getMessage().contains("no data for 1000 ms while streaming");
    }

    @Test
    void should_fail_with_idle_timeout_when_nothing_arrives_after_subscription() {
        Sinks.Many<String> body = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.create(watched(body.asFlux(), Duration.ofSeconds(1)))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(999)))
                .expectNoEvent(Duration.ZERO)
                .then(() -> time.advanceTimeBy(Duration.ofMillis(1)))
                .expectErrorMatches(IdleTimeoutTest::isIdleTimeout)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_when_a_stream_goes_silent_after_some_chunks_counting_from_the_last_chunk() {
        Sinks.Many<String> body = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.create(watched(body.asFlux(), Duration.ofSeconds(1)))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(700)))
                .then(() -> body.tryEmitNext("a"))
                .expectNext("a")
                .then(() -> time.advanceTimeBy(Duration.ofMillis(700))) // 1.4 s since subscribing, 0.7 s silent
                .expectNoEvent(Duration.ZERO)
                .then(() -> time.advanceTimeBy(Duration.ofMillis(299)))
                .expectNoEvent(Duration.ZERO)
                .then(() -> time.advanceTimeBy(Duration.ofMillis(1)))
                .expectErrorMatches(IdleTimeoutTest::isIdleTimeout)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_not_fail_a_long_stream_whose_chunks_keep_coming_and_arm_one_timer_per_idle_period_not_per_chunk() {
        Sinks.Many<String> body = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.Step<String> steps = StepVerifier.create(watched(body.asFlux(), Duration.ofSeconds(1)));
        for (int i = 0; i < 60; i++) {
            String chunk = "c" + i;
            steps = steps.then(() -> time.advanceTimeBy(Duration.ofMillis(100))).then(() -> body.tryEmitNext(chunk)).expectNext(chunk);
        }
        steps.then(() -> time.advanceTimeBy(Duration.ofMillis(900))).then(body::tryEmitComplete).verifyComplete();

        assertThat(time.now(TimeUnit.MILLISECONDS)).isEqualTo(6_900); // almost 7x the idle time
        assertThat(scheduled.get()).isBetween(1, 8); // one wake-up per idle period (about 7), not one per chunk (60)
        assertThat(live.get()).isZero();
    }

    @Test
    void should_stop_its_timer_when_the_stream_ends_or_is_cancelled() {
        StepVerifier.create(watched(Flux.just("a", "b"), Duration.ofSeconds(1))).expectNext("a", "b").verifyComplete();
        assertThat(live.get()).isZero();

        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.Many<String> body = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(watched(body.asFlux().doOnCancel(() -> cancelled.set(true)), Duration.ofSeconds(1)))
                .then(() -> assertThat(live.get()).isOne())
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(cancelled).isTrue();
        assertThat(live.get()).isZero();
    }

    @Test
    void should_pass_on_the_body_error_instead_of_a_timeout() {
        StepVerifier.create(watched(Flux.<String>error(new IllegalStateException("cut")), Duration.ofSeconds(1)))
                .expectErrorMessage("cut")
                .verify(Duration.ofSeconds(5));
    }
}
