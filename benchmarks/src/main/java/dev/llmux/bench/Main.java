package dev.llmux.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Entry point of {@code benchmarks.jar}:
 * <ul>
 *   <li>{@code jmh -quick [chat|stream|decode|router|write ...]}: the JMH harnesses with a short preset (1 fork, 2×1 s
 *       warm-up, 3×1 s measured, {@code -prof gc}); each harness alone finishes in well under two minutes. Without
 *       names: chat, stream, decode and router.</li>
 *   <li>{@code cpu [-quick] [...]}: CPU per call, A/B alternating ({@link CpuHarness}).</li>
 *   <li>{@code load [-quick] [...]}: the gateway load harness ({@link LoadHarness}).</li>
 *   <li>{@code soak [-quick] [...]}: minutes of steady load on the gateway, its RSS read throughout ({@link SoakHarness}).</li>
 *   <li>anything else: passed to JMH's own command line ({@code -prof gc}, {@code -p client=floor}, {@code -h}),
 *       which runs the full annotated presets (2 forks, 5×2 s warm-up, 5×2 s measured).</li>
 * </ul>
 */
public final class Main {

    private static final Map<String, String> HARNESSES = Map.of(
            "chat", ChatBenchmark.class.getName(),
            "stream", StreamBenchmark.class.getName(),
            "decode", DecodeBenchmark.class.getName(),
            "router", RouterBenchmark.class.getName(),
            "write", WriteBenchmark.class.getName());

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cpu")) {
            CpuHarness.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("soak")) {
            SoakHarness.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("load")) {
            LoadHarness.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 1 && args[0].equals("jmh") && args[1].equals("-quick")) {
            quick(Arrays.copyOfRange(args, 2, args.length));
        } else {
            org.openjdk.jmh.Main.main(args.length > 0 && args[0].equals("jmh") ? Arrays.copyOfRange(args, 1, args.length) : args);
        }
    }

    private static void quick(String[] names) throws Exception {
        List<String> selected = names.length == 0 ? List.of("chat", "stream", "decode", "router") : List.of(names);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class);
        List<String> unknown = new ArrayList<>();
        for (String n : selected) {
            String cls = HARNESSES.get(n);
            if (cls == null) {
                unknown.add(n);
            } else {
                options.include("^" + cls.replace(".", "\\.") + "\\.");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown harness " + unknown + "; expected any of " + HARNESSES.keySet());
        }
        new Runner(options.build()).run();
    }
}
