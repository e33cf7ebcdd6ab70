package dev.llmux.bench;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.router.Deployment;
import dev.llmux.router.Router;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RoutingStrategy;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The router's decision cost: a call through a group of 1, 10 or 100 weighted deployments on a provider that
 * answers at once, against the same call with no router ({@code deployments=0}, the baseline). The difference
 * is what routing adds per call (selection, bookkeeping, limits, the answer's call info).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class RouterBenchmark {

    @Param({"0", "1", "10", "100"})
    public int deployments;

    /** LiteLLM's strategy name; the weighted shuffle is the default. */
    @Param({"simple-shuffle"})
    public String strategy;

    private Llmux llmux;
    private ChatRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        Llmux.Builder builder = Llmux.builder().discoverProviders(false).provider(new FakeProvider());
        String model = "fake/m-0";
        if (deployments > 0) {
            List<Deployment> group = new ArrayList<>(deployments);
            for (int i = 0; i < deployments; i++) {
                group.add(Deployment.builder("g", "fake/m-" + i).id("d" + i).weight(1 + (i % 7)).build());
            }
            Router router = Router.builder()
                    .deployments(group)
                    .settings(RouterSettings.builder().strategy(RoutingStrategy.parse(strategy)).build())
                    .build();
            builder.interceptor(router);
            model = "g";
        }
        llmux = builder.build();
        request = ChatRequest.builder().model(model)
                .messages(List.of(ChatMessage.system(Payloads.SYSTEM), ChatMessage.user(Payloads.USER_2)))
                .temperature(0.2)
                .build();
        llmux.chat(request);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        llmux.close();
    }

    @Benchmark
    public Object chat() {
        return llmux.chat(request);
    }
}
