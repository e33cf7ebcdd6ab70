package dev.llmux.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ResponseFormat;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.tokens.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class BedrockStreamTest extends BedrockTestBase {

    /** Generous: the first exchange in a JVM warms up Netty and WireMock on a shared two-core machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String STREAM_PATH = MODEL_PATH + "/converse-stream";

    static final List<String> TEXT_CHUNKS = List.of(
            chunk("{\"role\":\"assistant\"}", null),
            chunk("{\"content\":\"Hel\"}", null),
            chunk("{\"content\":\"lo!\"}", null),
            chunk("{}", "stop"),
            usage("{\"prompt_tokens\":16,\"completion_tokens\":3,\"total_tokens\":19,\"prompt_tokens_details\":{\"cached_tokens\":4}}"));

    static final List<String> TOOL_CHUNKS = List.of(
            chunk("{\"role\":\"assistant\"}", null),
            chunk("{\"content\":\"Checking.\"}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"tooluse_A\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"locat\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ion\\\": \\\"Paris\\\"}\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"tooluse_B\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", null),
            chunk("{}", "tool_calls"),
            usage("{\"prompt_tokens\":100,\"completion_tokens\":40,\"total_tokens\":140}"));

    @Test
    void should_stream_text_with_a_final_usage_chunk() {
        stubStream(STREAM_PATH, BedrockFixtures.stream("stream-text.json"));

        assertChunks(llmux.stream(request()), TEXT_CHUNKS);
        assertThat(onlyRequest().getUrl()).isEqualTo(STREAM_PATH);
        assertThat(onlyRequest().getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/aws4_request");
        assertThat(Json.tree(onlyRequest().getBody())).isEqualTo(Json.tree("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"));
    }

    @Test
    void should_decode_frames_encoded_by_the_aws_library() {
        byte[] ours = BedrockFixtures.stream("stream-tools.json");
        byte[] theirs = BedrockFixtures.streamByAws("stream-tools.json");
        assertThat(theirs).isEqualTo(ours);
        stubStream(STREAM_PATH, theirs);

        assertChunks(llmux.stream(request()), TOOL_CHUNKS);
    }

    @Test
    void should_stream_tool_calls_with_input_fragments() {
        stubStream(STREAM_PATH, BedrockFixtures.stream("stream-tools.json"));

        assertChunks(llmux.stream(request()), TOOL_CHUNKS);
    }

    @Test
    void should_stream_reasoning_text_signature_and_redacted_blocks() {
        stubStream(STREAM_PATH, BedrockFixtures.stream("stream-reasoning.json"));

        assertChunks(llmux.stream(request()), List.of(
                chunk("{\"role\":\"assistant\"}", null),
                chunk("{\"reasoning_content\":\"Two plus \",\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"Two plus \"}]}", null),
                chunk("{\"reasoning_content\":\"two.\",\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"two.\"}]}", null),
                chunk("{\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"EqQBsig==\"}]}", null),
                chunk("{\"thinking_blocks\":[{\"type\":\"redacted_thinking\",\"data\":\"cmVkYWN0ZWQ=\"}]}", null),
                chunk("{\"content\":\"4\"}", null),
                chunk("{}", "stop"),
                usage("{\"prompt_tokens\":20,\"completion_tokens\":30,\"total_tokens\":50,\"completion_tokens_details\":{\"reasoning_tokens\":"
                        + TokenCounter.o200k().count("Two plus two.") + "}}")));
    }

    @Test
    void should_reassemble_frames_split_at_every_byte_boundary() {
        byte[] body = BedrockFixtures.stream("stream-tools.json");
        StubTransport transport = new StubTransport(200, Map.of("x-amzn-RequestId", List.of(REQUEST_ID)), List.of(body));
        try (Llmux client = stubClient(transport)) {
            for (int cut = 0; cut <= body.length; cut++) {
                transport.respondWith(StubTransport.splitAt(body, cut));
                assertChunks(client.stream(request()), TOOL_CHUNKS);
            }
            // and one byte per network buffer
            List<byte[]> bytes = new ArrayList<>();
            for (byte b : body) {
                bytes.add(new byte[] {b});
            }
            transport.respondWith(bytes);
            assertChunks(client.stream(request()), TOOL_CHUNKS);
        }
    }

    @Test
    void should_decode_a_body_dribbled_over_many_network_chunks() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(STREAM_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/vnd.amazon.eventstream")
                        .withHeader("x-amzn-RequestId", REQUEST_ID)
                        .withBody(BedrockFixtures.stream("stream-tools.json"))
                        .withChunkedDribbleDelay(37, 300)));

        assertChunks(llmux.stream(request()), TOOL_CHUNKS);
    }

    @Test
    void should_fail_with_the_mapped_error_on_an_exception_frame_after_the_chunks_before_it() {
        stubStream(STREAM_PATH, BedrockFixtures.stream("stream-throttled.json"));

        StepVerifier.create(llmux.stream(request()))
                .assertNext(c -> assertThat(c.choices().get(0).delta().role()).isEqualTo("assistant"))
                .assertNext(c -> assertThat(c.text()).isEqualTo("Par"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RateLimitException.class).hasMessageContaining("Too many requests, please wait before trying again.");
                    assertThat(((LlmuxException) e).isRetryable()).isTrue();
                    assertThat(((LlmuxException) e).details().errorType()).isEqualTo("ThrottlingException");
                })
                .verify(TIMEOUT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "validationException|Input is too long for requested model.|" + "dev.llmux.error.ContextWindowExceededException",
            "validationException|Malformed input request|dev.llmux.error.BadRequestException",
            "modelStreamErrorException|Model stream failed|dev.llmux.error.BadGatewayException",
            "serviceUnavailableException|Service unavailable|dev.llmux.error.ServiceUnavailableException",
            "internalServerException|Internal failure|dev.llmux.error.InternalServerException",
            "throttlingException|Too many tokens, please wait before trying again.|dev.llmux.error.RateLimitException",
            "modelTimeoutException|Model timed out|dev.llmux.error.RequestTimeoutException"})
    void should_map_each_in_stream_exception_type(String type, String message, String errorClass) throws ClassNotFoundException {
        Class<?> expected = Class.forName(errorClass);
        stubStream(STREAM_PATH, EventStreamFrames.concat(
                EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                EventStreamFrames.exception(type, "{\"message\":\"" + message + "\"}")));

        StepVerifier.create(llmux.stream(request()))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(expected).hasMessageContaining(message))
                .verify(TIMEOUT);
    }

    @Test
    void should_map_an_unmodeled_error_frame() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(":message-type", "error");
        headers.put(":error-code", "InternalFailure");
        headers.put(":error-message", "An internal error occurred");
        stubStream(STREAM_PATH, EventStreamFrames.frame(headers, new byte[0]));

        StepVerifier.create(llmux.stream(request()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InternalServerException.class).hasMessageContaining("An internal error occurred"))
                .verify(TIMEOUT);
    }

    @Test
    void should_fail_a_stream_that_ends_without_metadata_or_message_stop() {
        byte[] full = BedrockFixtures.stream("stream-text.json");
        byte[] metadata = EventStreamFrames.event("metadata", "{\"usage\":{\"inputTokens\":12,\"outputTokens\":3,\"totalTokens\":15,"
                + "\"cacheReadInputTokens\":4,\"cacheWriteInputTokens\":0},\"metrics\":{\"latencyMs\":210},\"p\":\"a\"}");
        byte[] noMetadata = Arrays.copyOf(full, full.length - metadata.length);
        stubStream(STREAM_PATH, noMetadata);
        StepVerifier.create(llmux.stream(request()))
                .expectNextCount(4)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class).hasMessageContaining("metadata"))
                .verify(TIMEOUT);

        stubStream(STREAM_PATH, EventStreamFrames.concat(
                EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}")));
        StepVerifier.create(llmux.stream(request()))
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class).hasMessageContaining("messageStop"))
                .verify(TIMEOUT);
    }

    @Test
    void should_fail_a_stream_cut_inside_a_frame() {
        byte[] full = BedrockFixtures.stream("stream-text.json");
        stubStream(STREAM_PATH, Arrays.copyOf(full, full.length - 10));

        StepVerifier.create(llmux.stream(request()))
                .expectNextCount(4)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class).hasMessageContaining("last event frame"))
                .verify(TIMEOUT);
    }

    @Test
    void should_fail_on_a_bad_prelude_crc_or_a_bad_message_crc() {
        byte[] badPrelude = BedrockFixtures.stream("stream-text.json");
        badPrelude[9] ^= 0x40; // prelude CRC of the first frame
        stubStream(STREAM_PATH, badPrelude);
        StepVerifier.create(llmux.stream(request()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("prelude CRC mismatch"))
                .verify(TIMEOUT);

        byte[] badMessage = BedrockFixtures.stream("stream-text.json");
        int second = java.nio.ByteBuffer.wrap(badMessage).getInt(0);
        badMessage[second + 40] ^= 0x01; // a header byte of the second frame
        stubStream(STREAM_PATH, badMessage);
        StepVerifier.create(llmux.stream(request()))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("message CRC mismatch"))
                .verify(TIMEOUT);
    }

    @Test
    void should_fail_on_an_event_payload_that_is_not_json() {
        stubStream(STREAM_PATH, EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":"));

        StepVerifier.create(llmux.stream(request()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("not JSON"))
                .verify(TIMEOUT);
    }

    @Test
    void should_map_http_errors_before_the_stream_starts() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(STREAM_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("x-amzn-ErrorType", "ExpiredTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/")
                        .withBody("{\"message\":\"The security token included in the request is expired\"}")));

        StepVerifier.create(llmux.stream(request()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
                    assertThat(((LlmuxException) e).status()).isEqualTo(401);
                })
                .verify(TIMEOUT);

        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(STREAM_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                        .withBody("{\"message\":\"Input is too long for requested model.\"}")));
        StepVerifier.create(llmux.stream(request()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ContextWindowExceededException.class))
                .verify(TIMEOUT);
    }

    @Test
    void should_stream_emulated_structured_output_as_content() {
        stubStream("/model/amazon.nova-pro-v1%3A0/converse-stream", EventStreamFrames.concat(
                EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                EventStreamFrames.event("contentBlockStart", "{\"contentBlockIndex\":0,\"start\":{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"city\"}}}"),
                EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"{\\\"name\\\":\"}}}"),
                EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}"),
                EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                EventStreamFrames.event("messageStop", "{\"stopReason\":\"tool_use\"}"),
                EventStreamFrames.event("metadata", "{\"usage\":{\"inputTokens\":5,\"outputTokens\":6,\"totalTokens\":11}}")));

        Flux<ChatChunk> stream = llmux.stream(ChatRequest.builder().model("bedrock/amazon.nova-pro-v1:0").addUser("city?")
                .responseFormat(ResponseFormat.jsonSchema("city", Map.of("type", "object"), true)).build());

        StepVerifier.create(stream.collectList())
                .assertNext(chunks -> {
                    StringBuilder content = new StringBuilder();
                    chunks.forEach(c -> {
                        if (c.text() != null) {
                            content.append(c.text());
                        }
                        assertThat(c.choices().isEmpty() || c.choices().get(0).delta().toolCalls() == null).isTrue();
                    });
                    assertThat(content.toString()).isEqualTo("{\"name\":\"Paris\"}");
                    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason().value()).isEqualTo("stop");
                    assertThat(chunks.get(chunks.size() - 1).usage().totalTokens()).isEqualTo(11);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void should_reject_bad_input_on_the_stream_without_calling_bedrock() {
        StepVerifier.create(llmux.stream(ChatRequest.builder().model("bedrock/" + MODEL)
                        .message(dev.llmux.api.ChatMessage.user(dev.llmux.api.ContentPart.imageUrl("https://example.com/x.png"))).build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class))
                .verify(TIMEOUT);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static ChatRequest request() {
        return ChatRequest.builder().model("bedrock/" + MODEL).addUser("Hi").build();
    }

    private Llmux stubClient(StubTransport transport) {
        return Llmux.builder()
                .transport(transport)
                .settings("bedrock", ProviderSettings.of(Map.of("aws_access_key_id", "AKIDEXAMPLE", "aws_secret_access_key", "secret",
                        "aws_region_name", "us-east-1")))
                .env(name -> null)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    private static void assertChunks(Flux<ChatChunk> stream, List<String> expected) {
        StepVerifier.create(stream.collectList())
                .assertNext(chunks -> assertThat(chunks.stream().map(BedrockTestBase::tree).toList())
                        .containsExactlyElementsOf(expected.stream().map(Json::tree).toList()))
                .expectComplete()
                .verify(TIMEOUT);
    }

    private static String chunk(String delta, String finish) {
        return """
                {"id":"chatcmpl-%s","object":"chat.completion.chunk","created":1704067200,"model":"%s",
                 "choices":[{"index":0,"delta":%s,"logprobs":null,"finish_reason":%s}]}"""
                .formatted(REQUEST_ID, MODEL, delta, finish == null ? "null" : "\"" + finish + "\"");
    }

    private static String usage(String usage) {
        return """
                {"id":"chatcmpl-%s","object":"chat.completion.chunk","created":1704067200,"model":"%s","choices":[],"usage":%s}"""
                .formatted(REQUEST_ID, MODEL, usage);
    }

}
