package dev.llmux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Usage;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.TransportSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class LlmuxClientTest {

    private static final String SECRET = "sk-test-SECRET-0123456789";
    private final HttpTransport transport = HttpTransport.jdk(TransportSettings.defaults());
    private final List<Llmux> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(Llmux::close);
        transport.close();
    }

    private Llmux.Builder builder(FakeProvider... providers) {
        Llmux.Builder b = Llmux.builder().transport(transport).discoverProviders(false);
        for (FakeProvider p : providers) {
            b.provider(p);
        }
        return b;
    }

    private Llmux build(Llmux.Builder b) {
        Llmux l = b.build();
        clients.add(l);
        return l;
    }

    private static ChatRequest request(String model) {
        return ChatRequest.builder().model(model).message(ChatMessage.user("Hi")).build();
    }

    @Test
    void should_answer_mock_response_locally_whatever_provider_the_model_names() {
        try (Llmux llmux = Llmux.builder().transport(transport).env(name -> null).build()) {
            ChatRequest req = ChatRequest.builder().model("openai/gpt-4o").message(ChatMessage.user("Hi"))
                    .extra("mock_response", "Mocked hello").build();

            ChatResponse res = llmux.chat(req);

            assertThat(res.text()).isEqualTo("Mocked hello");
            assertThat(res.callInfo().provider()).isEqualTo("mock");
            assertThat(res.callInfo().model()).isEqualTo("gpt-4o");
        }
    }

    @Test
    void should_send_a_bare_catalog_name_to_its_canonical_provider() {
        FakeProvider openai = FakeProvider.openai();
        FakeProvider anthropic = new FakeProvider(Set.of("anthropic"), Set.of());
        FakeProvider gemini = new FakeProvider(Set.of("gemini"), Set.of());
        FakeProvider vertex = new FakeProvider(Set.of("vertex_ai"), Set.of());
        Llmux llmux = build(builder(openai, anthropic, gemini, vertex));

        llmux.chat(request("gpt-4o"));
        llmux.chat(request("claude-sonnet-4-5"));
        ChatResponse r = llmux.chat(request("gemini-2.5-flash"));

        assertThat(openai.calls).singleElement().satisfies(c -> {
            assertThat(c.provider()).isEqualTo("openai");
            assertThat(c.model()).isEqualTo("gpt-4o");
        });
        assertThat(openai.requests.get(0).model()).isEqualTo("gpt-4o");
        assertThat(anthropic.calls).singleElement().satisfies(c -> assertThat(c.model()).isEqualTo("claude-sonnet-4-5"));
        assertThat(gemini.calls).hasSize(1);
        assertThat(vertex.calls).isEmpty();
        assertThat(r.callInfo().provider()).isEqualTo("gemini");
    }

    @Test
    void should_strip_the_provider_prefix_and_keep_slashes_in_the_model_name() {
        FakeProvider openrouter = new FakeProvider(Set.of("openrouter"), Set.of());
        Llmux llmux = build(builder(openrouter));

        llmux.chat(request("openrouter/meta-llama/llama-3.3-70b-instruct"));

        assertThat(openrouter.calls.get(0).model()).isEqualTo("meta-llama/llama-3.3-70b-instruct");
        assertThat(openrouter.requests.get(0).model()).isEqualTo("meta-llama/llama-3.3-70b-instruct");
    }

    @Test
    void should_fail_with_bad_request_naming_the_model_when_it_is_unknown() {
        Llmux llmux = build(builder(FakeProvider.openai()));

        assertThatThrownBy(() -> llmux.chat(request("no-such-model-7")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details().errorCode()).isEqualTo("model_not_found");
                })
                .hasMessageContaining("\"no-such-model-7\"")
                .hasMessageContaining("not in the model catalog");
    }

    @Test
    void should_fail_naming_the_prefix_when_the_provider_is_unknown() {
        Llmux llmux = build(builder(FakeProvider.openai()));

        assertThatThrownBy(() -> llmux.chat(request("acme/gpt-4o")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("unknown provider \"acme\"")
                .hasMessageContaining("openai");
    }

    @Test
    void should_say_which_provider_is_missing_when_a_catalog_model_has_no_adapter() {
        ModelCatalog catalog = ModelCatalog.bundled().with(ModelCatalog.load(new java.io.ByteArrayInputStream(
                "{\"models\":{\"nowhere_ai/nw-1\":{\"input_per_mtok\":\"1\",\"output_per_mtok\":\"1\"}}}".getBytes())));
        Llmux llmux = build(builder(FakeProvider.openai()).catalog(catalog));

        assertThatThrownBy(() -> llmux.chat(request("nw-1")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("nowhere_ai model")
                .hasMessageContaining("no nowhere_ai provider is registered");
    }

    @Test
    void should_reject_unsupported_params_unless_drop_params_is_set_on_the_client_or_the_call() {
        FakeProvider openai = new FakeProvider(Set.of("openai"), Set.of("temperature"));
        ChatRequest req = ChatRequest.builder().model("openai/gpt-4o").message(ChatMessage.user("Hi"))
                .temperature(0.2).seed(7L).logprobs(true).build();

        Llmux strict = build(builder(openai));
        assertThatThrownBy(() -> strict.chat(req))
                .isInstanceOf(UnsupportedParamsException.class)
                .hasMessageContaining("[seed, logprobs]")
                .hasMessageContaining("gpt-4o");
        assertThat(openai.requests).isEmpty();

        strict.chat(req, CallOptions.defaults().withDropParams(true));
        assertThat(openai.requests.get(0).setParams()).containsExactly("temperature");

        Llmux dropping = build(builder(openai).dropParams(true));
        dropping.chat(req);
        assertThat(openai.requests.get(1).setParams()).containsExactly("temperature");

        assertThatThrownBy(() -> dropping.chat(req, CallOptions.defaults().withDropParams(false)))
                .isInstanceOf(UnsupportedParamsException.class);
    }

    @Test
    void should_always_remove_additional_drop_params_including_extra_fields() {
        FakeProvider openai = FakeProvider.openai();
        Llmux llmux = build(builder(openai));
        ChatRequest req = ChatRequest.builder().model("openai/gpt-4o").message(ChatMessage.user("Hi"))
                .temperature(0.5).maxTokens(10).extra("top_k", 3).extra("service_tier", "flex").build();

        llmux.chat(req, CallOptions.defaults().withAdditionalDropParams(Set.of("temperature", "top_k")));

        ChatRequest sent = openai.requests.get(0);
        assertThat(sent.temperature()).isNull();
        assertThat(sent.maxTokens()).isEqualTo(10);
        assertThat(sent.extra()).containsExactly(Map.entry("service_tier", "flex"));
    }

    @Test
    void should_run_interceptors_in_the_order_they_were_added_outermost_first() {
        List<String> seen = new ArrayList<>();
        FakeProvider openai = FakeProvider.openai().onChat((r, c) -> {
            seen.add("provider sees temperature " + r.temperature());
            return Mono.just(FakeProvider.answer(c.model(), "ok", Usage.of(1, 1)));
        });
        LlmInterceptor first = new LlmInterceptor() {
            @Override
            public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
                seen.add("first in");
                return next.chat(request.toBuilder().temperature(0.1).build(), options).doOnNext(x -> seen.add("first out"));
            }
        };
        LlmInterceptor second = new LlmInterceptor() {
            @Override
            public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
                seen.add("second in, temperature " + request.temperature());
                return next.chat(request, options).doOnNext(x -> seen.add("second out"));
            }
        };
        Llmux llmux = build(builder(openai).interceptor(first).interceptor(second));

        llmux.chat(request("openai/gpt-4o"));

        assertThat(seen).containsExactly("first in", "second in, temperature 0.1", "provider sees temperature 0.1", "second out",
                "first out");
    }

    @Test
    void should_fail_naming_the_interceptor_when_it_returns_null() {
        LlmInterceptor broken = new LlmInterceptor() {
            @Override
            public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
                return null;
            }
        };
        Llmux llmux = build(builder(FakeProvider.openai()).interceptor(broken));

        assertThatThrownBy(() -> llmux.chat(request("openai/gpt-4o")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.getClass().getName() + ".chat returned null");
    }

    @Test
    void should_answer_from_an_interceptor_without_calling_the_provider() {
        FakeProvider openai = FakeProvider.openai();
        ChatResponse cached = FakeProvider.answer("gpt-4o", "from cache", Usage.of(1, 1));
        LlmInterceptor cache = new LlmInterceptor() {
            @Override
            public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
                return Mono.just(cached);
            }
        };
        Llmux llmux = build(builder(openai).interceptor(cache));

        assertThat(llmux.chat(request("openai/gpt-4o")).text()).isEqualTo("from cache");
        assertThat(openai.calls).isEmpty();
    }

    @Test
    void should_fail_with_request_timeout_when_the_deadline_passes() {
        AtomicBoolean cancelled = new AtomicBoolean();
        FakeProvider openai = FakeProvider.openai().onChat((r, c) -> Mono.<ChatResponse>never().doOnCancel(() -> cancelled.set(true)));
        Llmux llmux = build(builder(openai));

        assertThatThrownBy(() -> llmux.chat(request("openai/gpt-4o"), CallOptions.defaults().withDeadline(Duration.ofMillis(150))))
                .isInstanceOfSatisfying(RequestTimeoutException.class, e -> assertThat(e.status()).isEqualTo(408))
                .hasMessageContaining("deadline of 150 ms");
        assertThat(cancelled).isTrue();
    }

    @Test
    void should_end_a_stream_with_request_timeout_when_the_deadline_passes() {
        FakeProvider openai = FakeProvider.openai().onStream((r, c) -> Flux.concat(
                Flux.just(ChatChunk.of("c", 1, "gpt-4o", ChatChunk.Delta.content("slow"), null)), Flux.never()));
        Llmux llmux = build(builder(openai));

        StepVerifier.create(llmux.stream(request("openai/gpt-4o"), CallOptions.defaults().withDeadline(Duration.ofMillis(150))))
                .expectNextCount(1)
                .expectError(RequestTimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_end_a_stream_whose_chunks_keep_coming_at_its_deadline_counted_from_the_start_not_per_chunk() {
        AtomicBoolean cancelled = new AtomicBoolean();
        FakeProvider openai = FakeProvider.openai().onStream((r, c) -> Flux.interval(Duration.ofMillis(30))
                .map(i -> ChatChunk.of("c", 1, "gpt-4o", ChatChunk.Delta.content("t" + i), null))
                .doOnCancel(() -> cancelled.set(true)));
        Llmux llmux = build(builder(openai));
        long start = System.nanoTime();

        StepVerifier.create(llmux.stream(request("openai/gpt-4o"), CallOptions.defaults().withDeadline(Duration.ofMillis(300))))
                .thenConsumeWhile(chunk -> true)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("deadline of 300 ms"))
                .verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(3));
        assertThat(cancelled).isTrue();
    }

    @Test
    void should_complete_a_stream_that_ends_before_its_deadline_and_not_fail_it_afterwards() {
        FakeProvider openai = FakeProvider.openai().onStream((r, c) -> Flux.just(
                ChatChunk.of("c", 1, "gpt-4o", ChatChunk.Delta.content("a"), null), ChatChunk.of("c", 1, "gpt-4o", ChatChunk.Delta.content("b"), null)));
        Llmux llmux = build(builder(openai));

        StepVerifier.create(llmux.stream(request("openai/gpt-4o"), CallOptions.defaults().withDeadline(Duration.ofMillis(100))))
                .expectNextCount(2)
                .verifyComplete();
    }

    @Test
    void should_restore_the_interrupt_flag_and_cancel_the_call_when_a_blocking_chat_is_interrupted() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        FakeProvider openai = FakeProvider.openai().onChat((r, c) -> Mono.<ChatResponse>never()
                .doOnSubscribe(s -> subscribed.countDown()).doOnCancel(cancelled::countDown));
        Llmux llmux = build(builder(openai));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();

        Thread caller = new Thread(() -> {
            try {
                llmux.chat(request("openai/gpt-4o"));
            } catch (Throwable t) {
                thrown.set(t);
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(5000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(ApiConnectionException.class).hasMessageContaining("interrupted");
        assertThat(interruptedAfter).isTrue();
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void should_resolve_os_environ_settings_from_the_client_environment() {
        FakeProvider openai = FakeProvider.openai();
        Llmux llmux = build(builder(openai)
                .env(Map.of("MY_OPENAI_KEY", SECRET)::get)
                .settings("openai", ProviderSettings.builder().apiKey("os.environ/MY_OPENAI_KEY").apiBase("http://localhost:1").build()));

        llmux.chat(request("openai/gpt-4o"));
        llmux.chat(request("openai/gpt-4o"), CallOptions.defaults().withSettings(ProviderSettings.builder().apiBase("http://override").build()));

        assertThat(openai.calls.get(0).settings().apiKey()).isEqualTo(SECRET);
        assertThat(openai.calls.get(0).settings().apiBase()).isEqualTo("http://localhost:1");
        assertThat(openai.calls.get(1).settings().apiKey()).isEqualTo(SECRET);
        assertThat(openai.calls.get(1).settings().apiBase()).isEqualTo("http://override");
    }

    @Test
    void should_fail_with_authentication_error_naming_the_variable_when_an_os_environ_setting_is_unset() {
        Llmux llmux = build(builder(FakeProvider.openai())
                .env(name -> null)
                .settings("openai", ProviderSettings.builder().apiKey("os.environ/MISSING_KEY_VAR").build()));

        assertThatThrownBy(() -> llmux.chat(request("openai/gpt-4o")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("MISSING_KEY_VAR")
                .hasMessageContaining("api_key");
    }

    @Test
    void should_never_put_the_api_key_in_exception_messages_or_to_string() {
        FakeProvider openai = new FakeProvider(Set.of("openai"), Set.of()).onChat((r, c) -> Mono.error(new IllegalStateException("boom")));
        ProviderSettings settings = ProviderSettings.builder().apiKey(SECRET).build();
        Llmux llmux = build(builder(openai).settings("openai", settings));
        List<Throwable> errors = new ArrayList<>();

        for (ChatRequest req : List.of(request("nope-model"), request("acme/x"),
                ChatRequest.builder().model("openai/gpt-4o").message(ChatMessage.user("Hi")).seed(1L).build(), request("openai/gpt-4o"))) {
            try {
                llmux.chat(req, CallOptions.defaults().withSettings(settings));
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }

        assertThat(errors).hasSize(4);
        assertThat(errors.get(3)).isInstanceOf(BadGatewayException.class).hasMessageContaining("boom");
        for (Throwable e : errors) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            assertThat(e.toString()).doesNotContain(SECRET);
            if (e instanceof LlmuxException le) {
                assertThat(le.details().toString()).doesNotContain(SECRET);
            }
        }
        assertThat(settings.toString()).doesNotContain(SECRET);
        assertThat(openai.calls).isNotEmpty();
        assertThat(openai.calls.get(0).toString()).doesNotContain(SECRET);
    }

    @Test
    void should_cost_a_chat_answer_from_catalog_prices_and_put_it_on_call_info() {
        FakeProvider openai = FakeProvider.openai().onChat((r, c) -> Mono.just(FakeProvider.answer(c.model(), "ok",
                Usage.of(1_234, 567, 1_024, 0, 0))));
        Llmux llmux = build(builder(openai));

        ChatResponse r = llmux.chat(request("gpt-4o"));

        CallInfo info = r.callInfo();
        assertThat(info.provider()).isEqualTo("openai");
        assertThat(info.model()).isEqualTo("gpt-4o");
        assertThat(info.attempts()).isEqualTo(1);
        assertThat(info.cost()).isEqualTo(new BigDecimal("0.007475"));
        assertThat(llmux.cost(r)).contains(new BigDecimal("0.007475"));
    }

    @Test
    void should_cost_with_the_call_prices_when_a_deployment_has_custom_prices() {
        FakeProvider openai = FakeProvider.openai().onChat((r, c) -> Mono.just(FakeProvider.answer(c.model(), "ok", Usage.of(1_000, 1_000))));
        Llmux llmux = build(builder(openai));

        ChatResponse r = llmux.chat(request("gpt-4o"), CallOptions.defaults().withPrices(ModelPrices.perMillion("1", "3", null, null)));

        assertThat(r.callInfo().cost()).isEqualTo(new BigDecimal("0.004"));
    }

    @Test
    void should_use_the_provider_reported_cost_when_there_are_no_custom_prices() {
        FakeProvider openrouter = new FakeProvider(Set.of("openrouter"), Set.of()).onChat((r, c) -> Mono.just(FakeProvider.answer(c.model(),
                "ok", Usage.of(10, 10).withCost(new BigDecimal("0.00042")))));
        Llmux llmux = build(builder(openrouter));

        assertThat(llmux.chat(request("openrouter/openai/gpt-4o")).callInfo().cost()).isEqualTo(new BigDecimal("0.00042"));
    }

    @Test
    void should_leave_cost_empty_when_the_model_has_no_prices() {
        FakeProvider ollama = new FakeProvider(Set.of("ollama"), Set.of());
        Llmux llmux = build(builder(ollama));

        ChatResponse r = llmux.chat(request("ollama/llama3.2"));

        assertThat(r.callInfo().cost()).isNull();
        assertThat(llmux.cost(r)).isEmpty();
    }

    @Test
    void should_cost_a_response_without_call_info_from_its_model_name() {
        Llmux llmux = build(builder());
        ChatResponse stored = FakeProvider.answer("claude-sonnet-4-5-20250929", "x", Usage.of(1_000_000, 0, 0, 0, 0));

        assertThat(llmux.cost(stored)).contains(new BigDecimal("3"));
        assertThat(llmux.cost(stored.withUsage(null))).isEmpty();
    }

    @Test
    void should_put_the_cost_on_the_usage_chunk_of_a_stream() {
        Usage usage = Usage.of(100, 20, 0, 0, 0);
        FakeProvider openai = FakeProvider.openai().onStream((r, c) -> Flux.just(
                ChatChunk.of("c", 1, "gpt-4o-mini", ChatChunk.Delta.role("assistant"), null),
                ChatChunk.of("c", 1, "gpt-4o-mini", ChatChunk.Delta.content("Hello"), null),
                ChatChunk.of("c", 1, "gpt-4o-mini", ChatChunk.Delta.EMPTY, FinishReason.STOP),
                ChatChunk.of("c", 1, "gpt-4o-mini", List.of(), usage)));
        Llmux llmux = build(builder(openai));

        List<ChatChunk> chunks = llmux.stream(request("gpt-4o-mini")).collectList().block(Duration.ofSeconds(5));

        assertThat(openai.requests.get(0).isStream()).isTrue();
        assertThat(chunks).hasSize(4);
        assertThat(chunks).allSatisfy(c -> assertThat(c.callInfo()).isNotNull());
        assertThat(chunks.subList(0, 3)).allSatisfy(c -> assertThat(c.callInfo().cost()).isNull());
        assertThat(chunks.get(0).callInfo().timeToFirstToken()).isNotNull();
        // 100 × 0.15e-6 + 20 × 0.6e-6
        assertThat(chunks.get(3).callInfo().cost()).isEqualTo(new BigDecimal("0.000027"));
        ChatResponse whole = StreamAggregator.aggregate(Flux.fromIterable(chunks)).block(Duration.ofSeconds(5));
        assertThat(whole.text()).isEqualTo("Hello");
        assertThat(llmux.cost(whole)).contains(new BigDecimal("0.000027"));
    }

    @Test
    void should_strip_stream_flags_when_chat_is_called_with_a_streaming_request() {
        FakeProvider openai = FakeProvider.openai();
        Llmux llmux = build(builder(openai));

        llmux.chat(ChatRequest.builder().model("openai/gpt-4o").message(ChatMessage.user("Hi")).stream(true).build());

        assertThat(openai.requests.get(0).isStream()).isFalse();
    }

    @Test
    void should_wrap_a_non_llmux_provider_failure_as_bad_gateway_naming_the_provider() {
        FakeProvider openai = FakeProvider.openai().onChat((r, c) -> Mono.error(new NullPointerException("oops")));
        Llmux llmux = build(builder(openai));

        assertThatThrownBy(() -> llmux.chat(request("openai/gpt-4o")))
                .isInstanceOfSatisfying(BadGatewayException.class, e -> assertThat(e.provider()).isEqualTo("openai"))
                .hasMessageContaining("openai call failed unexpectedly");
    }
}
