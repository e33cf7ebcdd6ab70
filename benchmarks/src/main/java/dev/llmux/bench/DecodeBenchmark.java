package dev.llmux.bench;

import dev.llmux.Llmux;
import dev.llmux.api.ChatRequest;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stream decoding of a 200-chunk response, no network: SSE for OpenAI and Anthropic, AWS event-stream frames for
 * Bedrock, each event arriving as its own read. Measures the whole {@code Llmux.stream} path (request mapping
 * and signing included, a small constant) to the last {@code ChatChunk}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {

    static final int CHUNKS = 200;

    @Param({"openai", "anthropic", "bedrock"})
    public String format;

    private Llmux llmux;
    private ChatRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        List<byte[]> body;
        String type;
        String model;
        ProviderSettings.Builder settings = ProviderSettings.builder().apiBase("http://127.0.0.1:9");
        switch (format) {
            case "openai" -> {
                body = Payloads.openAiStream(CHUNKS);
                type = "text/event-stream";
                model = "openai/" + Payloads.MODEL;
                settings.apiKey("sk-bench");
            }
            case "anthropic" -> {
                body = Payloads.anthropicStream(CHUNKS);
                type = "text/event-stream";
                model = "anthropic/" + Payloads.ANTHROPIC_MODEL;
                settings.apiKey("sk-bench");
            }
            case "bedrock" -> {
                body = Payloads.bedrockStream(CHUNKS);
                type = "application/vnd.amazon.eventstream";
                model = "bedrock/" + Payloads.BEDROCK_MODEL;
                settings.set("aws_access_key_id", "AKIDBENCHMARK0000000").set("aws_secret_access_key", "benchsecret")
                        .set("aws_region_name", "us-east-1");
            }
            default -> throw new IllegalArgumentException("unknown format '" + format + "'");
        }
        llmux = Llmux.builder().transport(new CannedTransport(type, body)).settings(format, settings.build()).build();
        request = Json.read(Payloads.openAiRequestJson(false), ChatRequest.class).toBuilder().model(model).stream(true).build();
        long n = decode();
        if (n < CHUNKS) {
            throw new IllegalStateException(format + " decoded " + n + " chunks, expected at least " + CHUNKS);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        llmux.close();
    }

    @Benchmark
    public long decode() {
        Long n = llmux.stream(request).count().block(Duration.ofSeconds(10));
        return n == null ? 0 : n;
    }
}
