package dev.llmux.provider.replicate.internal;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Waits between polls; injectable so tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Completes after {@code delay}. */
    Mono<Void> sleep(Duration delay);

    /** Reactor's timer on the parallel scheduler. */
    static Sleeper reactor() {
        return delay -> Mono.delay(delay).then();
    }
}
