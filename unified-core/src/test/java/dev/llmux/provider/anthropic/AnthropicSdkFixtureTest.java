package dev.llmux.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.llmux.api.ChatRequest;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.internal.stream.SseEvent;
import dev.llmux.provider.anthropic.internal.RequestMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixtures are checked, not trusted: every response, stream event and error body the stubs serve parses and
 * validates as the official Anthropic Java SDK's type, and so does every request body llmux builds.
 */
class AnthropicSdkFixtureTest {

    static Stream<String> fixtures(String prefix, String suffix) {
        try {
            URL dir = AnthropicSdkFixtureTest.class.getResource("/fixtures/anthropic");
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(suffix)).sorted().toList().stream();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> messages() {
        return fixtures("message_", ".json");
    }

    static Stream<String> streams() {
        return fixtures("stream_", ".sse").filter(n -> !n.equals("stream_malformed.sse"));
    }

    /**
     * {@code request_too_large} (413) is in Anthropic's error documentation but not in the SDK's error-type union,
     * so that one fixture is documented, not SDK-checked; llmux maps a 413 by its status either way.
     */
    static Stream<String> errors() {
        return fixtures("error_", ".json").filter(n -> !n.equals("error_request_too_large.json"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void should_parse_every_response_fixture_as_an_sdk_message(String fixture) throws IOException {
        Message m = ObjectMappers.jsonMapper().readValue(AnthropicStub.fixture(fixture), Message.class);
        assertThat(m.content()).isNotEmpty();
        if (m.content().stream().noneMatch(ContentBlock::isServerToolUse)) {
            assertThatCode(m::validate).doesNotThrowAnyException();
            return;
        }
        // SDK 3.14.0's ServerToolUseBlock.validate() compares its parsed name with a raw JSON value and so rejects
        // every name; check that block's fields by hand and validate everything else
        for (ContentBlock b : m.content()) {
            if (b.isServerToolUse()) {
                assertThat(b.asServerToolUse().id()).isNotBlank();
                assertThat(b.asServerToolUse().name().asString()).isEqualTo("web_search");
                assertThatCode(() -> b.asServerToolUse().caller().validate()).doesNotThrowAnyException();
            } else {
                assertThatCode(b::validate).doesNotThrowAnyException();
            }
        }
        assertThatCode(() -> m.usage().validate()).doesNotThrowAnyException();
        assertThat(m.stopReason()).isPresent();
    }

    @ParameterizedTest
    @MethodSource("streams")
    void should_parse_every_stream_event_as_an_sdk_event(String fixture) throws IOException {
        List<SseEvent> events = new SseDecoder().feed(AnthropicStub.fixture(fixture).getBytes(StandardCharsets.UTF_8));
        assertThat(events).isNotEmpty();
        for (SseEvent e : events) {
            assertThat(Json.text(Json.tree(e.data()), "type")).as("data repeats the event name").isEqualTo(e.event());
            if ("ping".equals(e.event())) {
                continue; // the SDK drops pings in its SSE layer; they have no event type of their own
            }
            if ("error".equals(e.event())) {
                // the SDK reads an error event with its error body type
                ErrorResponse err = ObjectMappers.jsonMapper().readValue(e.data(), ErrorResponse.class);
                assertThat(err.error().isOverloadedError()).isTrue();
                continue;
            }
            RawMessageStreamEvent event = ObjectMappers.jsonMapper().readValue(e.data(), RawMessageStreamEvent.class);
            assertThatCode(event::validate).as(e.data()).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @MethodSource("errors")
    void should_parse_every_error_fixture_as_an_sdk_error_response(String fixture) throws IOException {
        ErrorResponse err = ObjectMappers.jsonMapper().readValue(AnthropicStub.fixture(fixture), ErrorResponse.class);
        assertThatCode(err::validate).doesNotThrowAnyException();
    }

    /** One OpenAI request per translated feature; the body llmux builds for each must be a valid SDK request body. */
    @ParameterizedTest
    @ValueSource(strings = {
        """
        {"model":"claude-sonnet-4-5","messages":[
         {"role":"system","content":[{"type":"text","text":"Terse.","cache_control":{"type":"ephemeral","ttl":"1h"}}]},
         {"role":"user","content":[{"type":"text","text":"What?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}},
          {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xLjQ=","filename":"r.pdf"}},
          {"type":"file","file":{"file_data":"data:text/plain;base64,aGVsbG8="}},{"type":"file","file":{"file_id":"file_1"}}]},
         {"role":"assistant","content":"Bonjour"},{"role":"user","content":"Oui","cache_control":{"type":"ephemeral"}}],
         "temperature":0.5,"top_p":0.9,"stop":["END"],"user":"u-1","top_k":3,"service_tier":"auto"}""",
        """
        {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Weather?"},
         {"role":"assistant","content":"","thinking_blocks":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"redacted_thinking","data":"d"}],
          "tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
         {"role":"tool","tool_call_id":"toolu_1","content":"18C"},{"role":"user","content":"Tomorrow?"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"location":{"type":"string"}}},
          "strict":true},"cache_control":{"type":"ephemeral"}}],"tool_choice":"auto","parallel_tool_calls":false,"reasoning_effort":"medium"}""",
        """
        {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],
         "tool_choice":{"type":"function","function":{"name":"f"}}}""",
        """
        {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"none"}""",
        """
        {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],
         "response_format":{"type":"json_schema","json_schema":{"name":"c","schema":{"type":"object","properties":{"c":{"type":"string"}},"additionalProperties":false}}}}""",
        """
        {"model":"claude-3-7-sonnet-20250219","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""",
        """
        {"model":"claude-opus-4-7","messages":[{"role":"user","content":"x"}],"reasoning_effort":"xhigh"}""",
        """
        {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":[{"type":"text","text":"x"},{"type":"container_upload","file_id":"file_1"}]}],
         "web_search_options":{"search_context_size":"low","user_location":{"type":"approximate","approximate":{"city":"Paris","country":"FR"}}}}""",
        """
        {"model":"claude-sonnet-4-20250514","messages":[{"role":"user","content":"x"}],"reasoning_effort":"high","stream":true}"""
    })
    void should_build_request_bodies_the_sdk_accepts(String openAi) throws IOException {
        ChatRequest request = Json.read(openAi, ChatRequest.class);
        RequestMapper.Mapped mapped = RequestMapper.map(request, request.model(), RequestMapper.Options.DEFAULTS);

        MessageCreateParams.Body body = ObjectMappers.jsonMapper().readValue(Json.writeString(mapped.body()), MessageCreateParams.Body.class);
        assertThatCode(body::validate).doesNotThrowAnyException();
        // The SDK's typed body no longer declares the sampling knobs (newer Claude models refuse them); llmux sends
        // them only when the caller sets them, so they are the one allowed difference.
        assertThat(body._additionalProperties().keySet()).as("every other field we send is one the SDK knows")
                .isSubsetOf("temperature", "top_p", "top_k");
        assertThat(body.maxTokens()).isPositive();
    }
}
