package dev.llmux.bench;

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
 * Per-call cost of a full stream (20 content deltas, ~1 KB of text) against the stub: the floor counts the raw
 * body chunks; llmux decodes, maps and emits every {@code ChatChunk}; each peer streams through its own API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class StreamBenchmark {

    @Param({"floor", "llmux-openai", "llmux-anthropic", "llmux-bedrock", "langchain4j", "spring-ai", "openai-sdk"})
    public String client;

    private StubServer stub;
    private BenchClient bench;

    @Setup(Level.Trial)
    public void setUp() {
        stub = new StubServer(20);
        bench = Clients.create(client, stub.baseUrl());
        if (bench.stream() < 1) {
            throw new IllegalStateException(client + " streamed nothing from the stub");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
        stub.close();
    }

    @Benchmark
    public long stream() {
        return bench.stream();
    }
}
