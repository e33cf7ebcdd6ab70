package dev.llmux.router.internal;

import dev.llmux.CallOptions;
import dev.llmux.api.CallInfo;
import dev.llmux.api.Usage;
import dev.llmux.router.Deployment;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** One kind of non-streaming call (chat, embeddings) as the retry loop sees it. */
interface Exchange<T> {

    /** Sends the call to {@code deployment} with the attempt's options. */
    Mono<T> call(Deployment deployment, CallOptions options);

    @Nullable Usage usage(T answer);

    @Nullable CallInfo info(T answer);

    T withInfo(T answer, CallInfo info);
}
