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
 * Per-call cost of one non-streaming chat call against the in-process stub, for the floor, llmux in each provider
 * format, and the peers. Time per op includes the stub's share (same for all); allocation per op ({@code -prof gc})
 * is the client's plus the stub's constant share. For CPU per call net of the stub, see {@link CpuHarness}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChatBenchmark {

    @Param({"floor", "llmux-openai", "llmux-anthropic", "llmux-bedrock", "langchain4j", "spring-ai", "openai-sdk"})
    public String client;

    private StubServer stub;
    private BenchClient bench;

    @Setup(Level.Trial)
    public void setUp() {
        stub = new StubServer(20);
        bench = Clients.create(client, stub.baseUrl());
        bench.chat(); // fail fast if the client cannot talk to the stub
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
        stub.close();
    }

    @Benchmark
    public Object chat() {
        return bench.chat();
    }
}
