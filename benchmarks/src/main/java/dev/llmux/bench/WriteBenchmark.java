package dev.llmux.bench;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writing a request body of {@code size} bytes (the harness's request, its conversation repeated to that size):
 * {@code Json.write}, which llmux uses for every body it sends, against the floor, {@code writeValueAsBytes} of a
 * plain Jackson mapper (llmux's shared one writes plain strings and keeps its buffers its own way, so it is not the
 * floor). Both give the same bytes; judge by {@code -prof gc}'s allocation, and by time only as a ratio in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class WriteBenchmark {

    @Param({"1800", "4000", "16000"})
    public int size;

    /** Jackson as it comes: its own recycler pool, its own string writing. */
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    private ChatRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        ChatRequest base = Json.read(Payloads.openAiRequestJson(false), ChatRequest.class);
        List<ChatMessage> messages = new ArrayList<>(base.messages());
        ChatRequest grown = base;
        while (Json.write(grown).length < size) {
            messages.addAll(base.messages().subList(1, base.messages().size()));
            grown = base.toBuilder().messages(messages).build();
        }
        request = grown;
        if (!java.util.Arrays.equals(Json.write(request), JACKSON.writeValueAsBytes(request))) {
            throw new IllegalStateException("Json.write and Jackson disagree on a " + size + "-byte request");
        }
    }

    @Benchmark
    public byte[] llmux() {
        return Json.write(request);
    }

    @Benchmark
    public byte[] jackson() {
        return JACKSON.writeValueAsBytes(request);
    }
}
