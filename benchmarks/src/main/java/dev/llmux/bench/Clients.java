package dev.llmux.bench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.llmux.Llmux;
import dev.llmux.api.ChatRequest;
import dev.llmux.internal.json.Json;
import dev.llmux.provider.bedrock.internal.AwsCredentials;
import dev.llmux.provider.bedrock.internal.BedrockModel;
import dev.llmux.provider.bedrock.internal.ConverseRequestMapper;
import dev.llmux.provider.bedrock.internal.SigV4Signer;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * The clients compared, each built through its own public API and pointed at the stub's base URL, all sending the
 * same ~2 KB request ({@link Payloads}) and parsing the same ~1 KB answer. Peers get retries off so a call is one
 * HTTP exchange, as llmux's is.
 */
public final class Clients {

    /** Names accepted by {@link #create}; each makes chat calls and streams ({@code floor-sigv4}, opt-in, chat only). */
    public static final List<String> ALL = List.of("floor", "llmux-openai", "llmux-anthropic", "llmux-bedrock",
            "langchain4j", "spring-ai", "openai-sdk");

    /** The llmux clients, {@code llmux-openai}, {@code llmux-anthropic} and {@code llmux-bedrock}. */
    public static final List<String> LLMUX = List.of("llmux-openai", "llmux-anthropic", "llmux-bedrock");

    private Clients() {}

    public static BenchClient create(String name, String baseUrl) {
        return switch (name) {
            case "floor" -> new Floor(baseUrl);
            case "llmux-openai" -> llmux("openai", baseUrl, null);
            case "llmux-anthropic" -> llmux("anthropic", baseUrl, null);
            case "llmux-bedrock" -> llmux("bedrock", baseUrl, null);
            case "langchain4j" -> new LangChain4j(baseUrl);
            case "spring-ai" -> new SpringAi(baseUrl);
            case "openai-sdk" -> new OpenAiSdk(baseUrl);
            case "floor-sigv4" -> new SignedFloor(baseUrl);
            default -> throw new IllegalArgumentException("unknown client '" + name + "'; expected one of " + ALL + " or floor-sigv4");
        };
    }

    /** One of {@link #LLMUX} on a {@link CannedTransport} answering as {@code stub} does: llmux's own work alone. */
    static BenchClient canned(String name, StubServer stub) {
        if (!LLMUX.contains(name)) {
            throw new IllegalArgumentException("unknown llmux client '" + name + "'; expected one of " + LLMUX);
        }
        String provider = name.substring("llmux-".length());
        return llmux(provider, stub.baseUrl(), CannedTransport.like(stub, provider));
    }

    /** llmux calling {@code provider}'s benchmark model, on {@code transport} or, when null, its default one. */
    private static BenchClient llmux(String provider, String baseUrl, @Nullable HttpTransport transport) {
        String model = switch (provider) {
            case "openai" -> "openai/" + Payloads.MODEL;
            case "anthropic" -> "anthropic/" + Payloads.ANTHROPIC_MODEL;
            case "bedrock" -> "bedrock/" + Payloads.BEDROCK_MODEL;
            default -> throw new IllegalArgumentException("unknown provider '" + provider + "'");
        };
        return new LlmuxClient(baseUrl, provider, model, transport);
    }

    /** The floor: llmux's own Reactor Netty transport posting pre-serialized bytes and buffering the answer. */
    static final class Floor implements BenchClient {
        private final HttpTransport transport = HttpTransport.reactorNetty(TransportSettings.defaults());
        private final HttpRequest chat;
        private final HttpRequest stream;

        Floor(String baseUrl) {
            URI uri = URI.create(baseUrl + "/v1/chat/completions");
            Map<String, String> headers = Map.of("Authorization", "Bearer sk-bench");
            chat = HttpRequest.postJson(uri, headers, Payloads.bytes(Payloads.openAiRequestJson(false)));
            stream = HttpRequest.postJson(uri, headers, Payloads.bytes(Payloads.openAiRequestJson(true)));
        }

        @Override
        public Object chat() {
            return transport.send(chat).block(Duration.ofSeconds(10)).body();
        }

        @Override
        public long stream() {
            Long n = transport.exchange(stream, (head, body) -> body.count()).blockLast(Duration.ofSeconds(10));
            return n == null ? 0 : n;
        }

        @Override
        public void close() {
            transport.close();
        }
    }

    /**
     * Not in {@link #ALL} (ask for it with {@code -clients}): the floor of a Bedrock call, which cannot be a plain
     * POST — the same pre-serialized Converse bytes as llmux sends, signed with SigV4 per call (the date and the
     * body's hash change every time) and posted on the same transport. It shows how much of llmux's Bedrock cost
     * is the signing every Bedrock client must do.
     */
    static final class SignedFloor implements BenchClient {
        private final HttpTransport transport = HttpTransport.reactorNetty(TransportSettings.defaults());
        private final URI uri;
        private final byte[] body;
        private final SigV4Signer signer = new SigV4Signer("us-east-1", "bedrock");
        private final AwsCredentials credentials =
                new AwsCredentials("AKIDBENCHMARK0000000", "benchsecret", null);

        SignedFloor(String baseUrl) {
            BedrockModel model = BedrockModel.of(Payloads.BEDROCK_MODEL);
            uri = URI.create(baseUrl + "/model/" + model.pathSegment() + "/converse");
            ChatRequest request = Json.read(Payloads.openAiRequestJson(false), ChatRequest.class).toBuilder().model(Payloads.BEDROCK_MODEL).build();
            body = Json.write(ConverseRequestMapper.map(request, model).body());
        }

        @Override
        public Object chat() {
            HttpRequest signed = signer.sign(HttpRequest.postJson(uri, Map.of(), body), credentials, Instant.now());
            return transport.send(signed).block(Duration.ofSeconds(10)).body();
        }

        @Override
        public long stream() {
            throw new UnsupportedOperationException("floor-sigv4 measures chat calls only");
        }

        @Override
        public void close() {
            transport.close();
        }
    }

    /** llmux's client in one provider format (the stub speaks all three). */
    static final class LlmuxClient implements BenchClient {
        private final Llmux llmux;
        private final ChatRequest chat;
        private final ChatRequest stream;

        /** On {@code transport}, or llmux's default transport when null (a {@link CannedTransport} for own work alone). */
        LlmuxClient(String baseUrl, String provider, String model, @Nullable HttpTransport transport) {
            ProviderSettings.Builder settings = ProviderSettings.builder().apiBase(baseUrl);
            if (provider.equals("bedrock")) {
                // SigV4 signing is part of a real Bedrock call's cost, so sign with (fake) keys rather than a bearer.
                settings.set("aws_access_key_id", "AKIDBENCHMARK0000000").set("aws_secret_access_key", "benchsecret")
                        .set("aws_region_name", "us-east-1");
            } else {
                settings.apiKey("sk-bench");
            }
            if (provider.equals("openai")) {
                settings.apiBase(baseUrl + "/v1");
            }
            Llmux.Builder builder = Llmux.builder().settings(provider, settings.build());
            llmux = (transport == null ? builder : builder.transport(transport)).build();
            ChatRequest base = Json.read(Payloads.openAiRequestJson(false), ChatRequest.class);
            chat = base.toBuilder().model(model).build();
            stream = chat.toBuilder().stream(true).build();
        }

        @Override
        public Object chat() {
            return llmux.chat(chat);
        }

        @Override
        public long stream() {
            Long n = llmux.stream(stream).count().block(Duration.ofSeconds(10));
            return n == null ? 0 : n;
        }

        @Override
        public void close() {
            llmux.close();
        }
    }

    /** LangChain4j's own {@code OpenAiChatModel} and {@code OpenAiStreamingChatModel} (its default JDK HTTP client). */
    static final class LangChain4j implements BenchClient {
        private final OpenAiChatModel model;
        private final OpenAiStreamingChatModel streamingModel;
        private final dev.langchain4j.model.chat.request.ChatRequest request;

        LangChain4j(String baseUrl) {
            model = OpenAiChatModel.builder().baseUrl(baseUrl + "/v1").apiKey("sk-bench").modelName(Payloads.MODEL)
                    .maxRetries(0).build();
            streamingModel = OpenAiStreamingChatModel.builder().baseUrl(baseUrl + "/v1").apiKey("sk-bench")
                    .modelName(Payloads.MODEL).build();
            ToolSpecification tool = ToolSpecification.builder()
                    .name("check_availability")
                    .description(Payloads.TOOL_DESCRIPTION)
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty("from", "Origin station code")
                            .addStringProperty("to", "Destination station code")
                            .addStringProperty("departure", "ISO-8601 local departure time")
                            .addBooleanProperty("bike")
                            .required("from", "to", "departure")
                            .build())
                    .build();
            request = dev.langchain4j.model.chat.request.ChatRequest.builder()
                    .messages(dev.langchain4j.data.message.SystemMessage.from(Payloads.SYSTEM),
                            dev.langchain4j.data.message.UserMessage.from(Payloads.USER_1),
                            AiMessage.from(Payloads.ASSISTANT_1),
                            dev.langchain4j.data.message.UserMessage.from(Payloads.USER_2))
                    .toolSpecifications(tool)
                    .temperature(0.2)
                    .maxOutputTokens(400)
                    .build();
        }

        @Override
        public Object chat() {
            return model.chat(request);
        }

        @Override
        public long stream() {
            CompletableFuture<Long> done = new CompletableFuture<>();
            streamingModel.chat(request, new StreamingChatResponseHandler() {
                private long partials;

                @Override
                public void onPartialResponse(String partialResponse) {
                    partials++;
                }

                @Override
                public void onCompleteResponse(ChatResponse completeResponse) {
                    done.complete(partials);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            try {
                return done.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while streaming", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("LangChain4j stream failed", e);
            }
        }
    }

    /** Spring AI's own OpenAI {@code ChatModel} (2.x, on the official SDK with OkHttp). */
    static final class SpringAi implements BenchClient {
        private final org.springframework.ai.openai.OpenAiChatModel model;
        private final Prompt prompt;

        SpringAi(String baseUrl) {
            ToolDefinition definition = DefaultToolDefinition.builder()
                    .name("check_availability")
                    .description(Payloads.TOOL_DESCRIPTION)
                    .inputSchema(Payloads.TOOL_SCHEMA)
                    .build();
            ToolCallback tool = new ToolCallback() {
                @Override
                public ToolDefinition getToolDefinition() {
                    return definition;
                }

                @Override
                public String call(String toolInput) {
                    throw new IllegalStateException("the stub never asks for a tool call");
                }
            };
            OpenAiChatOptions options = OpenAiChatOptions.builder()
                    .baseUrl(baseUrl + "/v1")
                    .apiKey("sk-bench")
                    .model(Payloads.MODEL)
                    .maxRetries(0)
                    .temperature(0.2)
                    .maxTokens(400)
                    .toolCallbacks(List.of(tool))
                    .build();
            model = org.springframework.ai.openai.OpenAiChatModel.builder().options(options).build();
            prompt = new Prompt(List.of(new SystemMessage(Payloads.SYSTEM), new UserMessage(Payloads.USER_1),
                    new AssistantMessage(Payloads.ASSISTANT_1), new UserMessage(Payloads.USER_2)));
        }

        @Override
        public Object chat() {
            return model.call(prompt);
        }

        @Override
        public long stream() {
            Long n = model.stream(prompt).count().block(Duration.ofSeconds(10));
            return n == null ? 0 : n;
        }
    }

    /** The official OpenAI Java SDK (OkHttp). */
    static final class OpenAiSdk implements BenchClient {
        private final OpenAIClient client;
        private final ChatCompletionCreateParams params;
        private final ChatCompletionCreateParams streamParams;

        OpenAiSdk(String baseUrl) {
            client = OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey("sk-bench").maxRetries(0).build();
            params = params(Payloads.openAiRequestJson(false));
            // createStreaming adds "stream":true itself; stream_options (usage) comes from the body, as llmux sends it
            streamParams = params.toBuilder()
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build();
        }

        private static ChatCompletionCreateParams params(String json) {
            try {
                ChatCompletionCreateParams.Body body =
                        ObjectMappers.jsonMapper().readValue(json, ChatCompletionCreateParams.Body.class);
                return ChatCompletionCreateParams.builder().body(body).build();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the SDK request", e);
            }
        }

        @Override
        public Object chat() {
            return client.chat().completions().create(params);
        }

        @Override
        public long stream() {
            try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions().createStreaming(streamParams)) {
                return chunks.stream().count();
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

}
