package dev.llmux.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.spi.ProviderCall;
import dev.llmux.spi.ProviderSettings;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Both transports against WireMock and a raw socket server: the same behaviour, failure for failure. */
class HttpTransportTest {

    private static final TransportSettings FAST = TransportSettings.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withFirstByteTimeout(Duration.ofMillis(500))
            .withIdleTimeout(Duration.ofMillis(400));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static WireMockServer wiremock;
    private HttpTransport transport;
    private RawHttpServer raw;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wiremock.stop();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (raw != null) {
            raw.close();
        }
        wiremock.resetAll();
    }

    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("reactor-netty", (Function<TransportSettings, HttpTransport>) HttpTransport::reactorNetty),
                Arguments.of("jdk", (Function<TransportSettings, HttpTransport>) HttpTransport::jdk));
    }

    private HttpTransport open(Function<TransportSettings, HttpTransport> factory) {
        transport = factory.apply(FAST);
        return transport;
    }

    private ProviderCall call(HttpTransport t) {
        return new ProviderCall("acme", "acme-1", ProviderSettings.empty(), t, Clock.systemUTC(), name -> null, null);
    }

    private static URI wm(String path) {
        return URI.create(wiremock.baseUrl() + path);
    }

    private static Predicate<Throwable> transportError(TransportException.Kind kind) {
        return e -> e instanceof TransportException te && te.kind() == kind;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_send_headers_and_body_and_hand_over_an_error_status_without_failing(String name, Function<TransportSettings, HttpTransport> factory) {
        wiremock.stubFor(post("/v1/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody("{\"error\":{}}")));
        HttpTransport t = open(factory);

        BufferedResponse res = t.send(HttpRequest.postJson(wm("/v1/x"), Map.of("Authorization", "Bearer k", "X-Extra", "1"),
                utf8("{\"model\":\"m\",\"n\":1}"))).block(WAIT);

        assertThat(res.status()).isEqualTo(429);
        assertThat(res.head().header("retry-after")).isEqualTo("3");
        assertThat(res.bodyText()).isEqualTo("{\"error\":{}}");
        wiremock.verify(postRequestedFor(urlEqualTo("/v1/x"))
                .withHeader("Authorization", equalTo("Bearer k"))
                .withHeader("X-Extra", equalTo("1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"model\":\"m\",\"n\":1}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_stream_chunks_as_they_arrive(String name, Function<TransportSettings, HttpTransport> factory) throws Exception {
        raw = new RawHttpServer(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawHttpServer.chunk(out, "data: 1\n\n");
            Thread.sleep(100);
            RawHttpServer.chunk(out, "data: 2\n\n");
            RawHttpServer.write(out, "0\r\n\r\n");
        });
        HttpTransport t = open(factory);

        List<byte[]> pieces = t.exchange(HttpRequest.get(raw.uri("/s"), Map.of()), (head, body) -> body).collectList().block(WAIT);

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        pieces.forEach(all::writeBytes);
        assertThat(all.toString(StandardCharsets.UTF_8)).isEqualTo("data: 1\n\ndata: 2\n\n");
        assertThat(pieces).allSatisfy(p -> assertThat(p).isNotEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_fail_with_connect_when_the_connection_is_refused(String name, Function<TransportSettings, HttpTransport> factory) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpTransport t = open(factory);
        HttpRequest req = HttpRequest.postJson(URI.create("http://127.0.0.1:" + port + "/v1/chat"), Map.of(), utf8("{}"));

        StepVerifier.create(t.send(req)).expectErrorMatches(transportError(TransportException.Kind.CONNECT)).verify(WAIT);
        StepVerifier.create(ProviderHttp.send(call(t), req, (head, body) -> null))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class)
                        .hasMessageContaining("acme")
                        .hasCauseInstanceOf(TransportException.class)
                        .satisfies(x -> assertThat(((LlmuxException) x).status()).isEqualTo(500)))
                .verify(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_fail_with_first_byte_timeout_when_the_head_is_late(String name, Function<TransportSettings, HttpTransport> factory) {
        wiremock.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{}")));
        HttpTransport t = open(factory);
        HttpRequest req = HttpRequest.postJson(wm("/slow"), Map.of(), utf8("{}"));

        StepVerifier.create(t.send(req)).expectErrorMatches(transportError(TransportException.Kind.FIRST_BYTE_TIMEOUT)).verify(WAIT);
        StepVerifier.create(ProviderHttp.send(call(t), req, (head, body) -> null))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RequestTimeoutException.class,
                        x -> assertThat(x.status()).isEqualTo(408)))
                .verify(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_honour_a_longer_per_request_first_byte_timeout(String name, Function<TransportSettings, HttpTransport> factory) {
        wiremock.stubFor(post("/slowish").willReturn(aResponse().withStatus(200).withFixedDelay(900).withBody("ok")));
        HttpTransport t = open(factory);

        BufferedResponse res = t.send(HttpRequest.postJson(wm("/slowish"), Map.of(), utf8("{}")).withFirstByteTimeout(Duration.ofSeconds(5)))
                .block(WAIT);

        assertThat(res.bodyText()).isEqualTo("ok");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_fail_with_idle_timeout_when_a_stream_goes_silent(String name, Function<TransportSettings, HttpTransport> factory) throws Exception {
        raw = new RawHttpServer(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawHttpServer.chunk(out, "data: first\n\n");
            // then silence, connection open
        });
        HttpTransport t = open(factory);

        StepVerifier.create(t.exchange(HttpRequest.get(raw.uri("/s"), Map.of()), (head, body) -> body.map(b -> new String(b, StandardCharsets.UTF_8))))
                .expectNext("data: first\n\n")
                .expectErrorMatches(transportError(TransportException.Kind.IDLE_TIMEOUT))
                .verify(WAIT);
        try (RawHttpServer silent = new RawHttpServer(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawHttpServer.chunk(out, "x");
        })) {
            StepVerifier.create(ProviderHttp.stream(call(t), HttpRequest.get(silent.uri("/s"), Map.of()), (head, body) -> null))
                    .expectNextCount(1)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("acme"))
                    .verify(WAIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_fail_with_io_when_a_fixed_length_body_is_cut(String name, Function<TransportSettings, HttpTransport> factory) throws Exception {
        raw = new RawHttpServer(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":\"par");
            out.close();
        });
        HttpTransport t = open(factory);

        StepVerifier.create(t.send(HttpRequest.get(raw.uri("/cut"), Map.of())))
                .expectErrorMatches(transportError(TransportException.Kind.IO))
                .verify(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_fail_with_io_when_a_chunked_stream_is_cut_before_its_last_chunk(String name, Function<TransportSettings, HttpTransport> factory)
            throws Exception {
        raw = new RawHttpServer(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawHttpServer.chunk(out, "data: 1\n\n");
            Thread.sleep(50);
            out.close();
        });
        HttpTransport t = open(factory);

        StepVerifier.create(ProviderHttp.stream(call(t), HttpRequest.get(raw.uri("/cut"), Map.of()), (head, body) -> null)
                        .map(b -> new String(b, StandardCharsets.UTF_8)))
                .expectNext("data: 1\n\n")
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class)
                        .hasCauseInstanceOf(TransportException.class))
                .verify(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_fail_with_io_when_the_peer_resets_the_connection(String name, Function<TransportSettings, HttpTransport> factory) {
        wiremock.stubFor(post("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpTransport t = open(factory);

        StepVerifier.create(t.send(HttpRequest.postJson(wm("/reset"), Map.of(), utf8("{}"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TransportException.class,
                        te -> assertThat(te.kind()).isEqualTo(TransportException.Kind.IO)))
                .verify(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_fail_with_io_when_a_chunk_is_malformed(String name, Function<TransportSettings, HttpTransport> factory) {
        wiremock.stubFor(post("/bad").willReturn(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        HttpTransport t = open(factory);

        StepVerifier.create(t.send(HttpRequest.postJson(wm("/bad"), Map.of(), utf8("{}"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransportException.class))
                .verify(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_close_the_connection_when_the_body_flux_is_cancelled(String name, Function<TransportSettings, HttpTransport> factory)
            throws Exception {
        raw = new RawHttpServer(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawHttpServer.chunk(out, "data: 1\n\n");
        });
        HttpTransport t = open(factory);

        StepVerifier.create(t.exchange(HttpRequest.get(raw.uri("/s"), Map.of()), (head, body) -> body).take(1))
                .expectNextCount(1)
                .expectComplete()
                .verify(WAIT);

        assertThat(raw.clientClosedWithin(5000)).as("the server saw the client hang up").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_abort_the_exchange_when_cancelled_before_the_head_arrives(String name, Function<TransportSettings, HttpTransport> factory)
            throws Exception {
        raw = new RawHttpServer(out -> {
            // never answers
        });
        transport = factory.apply(FAST.withFirstByteTimeout(Duration.ofSeconds(30)));
        HttpTransport t = transport;

        Disposable d = t.exchange(HttpRequest.postJson(raw.uri("/hang"), Map.of(), utf8("{}")), (head, body) -> body).subscribe();
        assertThat(raw.requestRead.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        d.dispose();

        assertThat(raw.clientClosedWithin(5000)).as("the server saw the client hang up").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_buffer_an_error_body_and_map_it_when_a_stream_gets_an_error_status(String name, Function<TransportSettings, HttpTransport> factory) {
        wiremock.stubFor(post("/err").willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"bad key\"}}")));
        HttpTransport t = open(factory);

        StepVerifier.create(ProviderHttp.stream(call(t), HttpRequest.postJson(wm("/err"), Map.of(), utf8("{}")), (head, body) ->
                        new dev.llmux.error.AuthenticationException(head.status() + " " + new String(body, StandardCharsets.UTF_8),
                                dev.llmux.error.ErrorDetails.of("acme", "acme-1", head.status()))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.llmux.error.AuthenticationException.class)
                        .hasMessage("401 {\"error\":{\"message\":\"bad key\"}}"))
                .verify(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void should_run_concurrent_exchanges_on_one_transport(String name, Function<TransportSettings, HttpTransport> factory) {
        wiremock.stubFor(post("/n").willReturn(aResponse().withStatus(200).withBody("ok")));
        HttpTransport t = open(factory);

        List<String> bodies = Flux.range(0, 8)
                .flatMap(i -> t.send(HttpRequest.postJson(wm("/n"), Map.of(), utf8("{}"))).map(BufferedResponse::bodyText))
                .collectList().block(WAIT);

        assertThat(bodies).hasSize(8).containsOnly("ok");
    }
}
