package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.serverError;
import static dev.llmux.router.RouterFixture.ask;
import static dev.llmux.router.RouterFixture.dep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.api.ChatRequest;
import dev.llmux.error.LlmuxException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterListenerTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    /** Throws from every event. */
    static final class Throwing extends RouterListener {
        @Override
        public void request(String group, ChatRequest request, boolean stream) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void success(String group, String deployment, int attempts, Duration latency, BigDecimal cost) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void retry(String group, String deployment, LlmuxException error, int attempt, Duration delay) {
            throw new OutOfMemoryError("pretend");
        }
    }

    @Test
    void should_survive_a_listener_that_throws() {
        fx.provider.script("a", serverError(), FaultyProvider.ok("fine"));
        Llmux llmux = fx.llmux(fx.router().listener(new Throwing()).deployment(dep("g", "fake/a", "a"))
                .settings(RouterSettings.builder().backoff(Backoff.NONE).build()).build());

        assertThat(llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5)).text()).isEqualTo("fine");
        // the well-behaved recorder still heard everything
        assertThat(fx.events).contains("success g a attempts=2");
    }

    @Test
    void should_not_wait_for_a_slow_listener_on_the_default_executor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch heard = new CountDownLatch(1);
        RouterListener slow = new RouterListener() {
            @Override
            public void success(String group, String deployment, int attempts, Duration latency, BigDecimal cost) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                heard.countDown();
            }
        };
        Router router = Router.builder().clock(fx.clock).scheduler(fx.vts).catalog(RouterFixture.CATALOG).listener(slow)
                .deployment(dep("g", "fake/a", "a")).build();
        Llmux llmux = fx.llmux(router);

        // the listener blocks for up to 10 s; calls return regardless
        for (int i = 0; i < 3; i++) {
            assertThat(llmux.chatAsync(ask("g")).block(Duration.ofSeconds(2))).isNotNull();
        }
        release.countDown();
        assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
