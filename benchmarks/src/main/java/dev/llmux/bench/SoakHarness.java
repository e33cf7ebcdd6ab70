package dev.llmux.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Gateway soak: a steady open-loop load on the llmux gateway for minutes, JSON and streaming requests in turn, with
 * the gateway's resident set size read after every slice. Reports, per slice, throughput, errors, p50/p99 and RSS,
 * then the RSS growth from the end of the warm-up to the end of the run and its slope per minute:
 *
 * <pre>
 * java -jar benchmarks.jar soak [-quick] -llmux http://127.0.0.1:4000 -llmux-key sk-... -llmux-pid PID
 *      [-mock-port 18080] [-rate 300] [-minutes 10] [-slice 30]
 * </pre>
 *
 * {@code -quick} runs 90 s in 15 s slices. Only loopback; the run is bounded in time.
 */
public final class SoakHarness {

    private SoakHarness() {}

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("-quick");
        String llmux = CpuHarness.stringArg(args, "-llmux", null);
        long pid = CpuHarness.intArg(args, "-llmux-pid", -1);
        if (llmux == null || pid <= 0) {
            throw new IllegalArgumentException("soak needs -llmux URL and -llmux-pid PID (benchmarks/gateway/run-load.sh soak starts both)");
        }
        int rate = CpuHarness.intArg(args, "-rate", 300);
        double minutes = CpuHarness.doubleArg(args, "-minutes", quick ? 1.5 : 10);
        int slice = CpuHarness.intArg(args, "-slice", quick ? 15 : 30);
        int slices = Math.max(2, (int) Math.round(minutes * 60 / slice));
        String key = CpuHarness.stringArg(args, "-llmux-key", "sk-bench");

        LoopResources loops = LoopResources.create("soakgen", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("soakgen").maxConnections(256).pendingAcquireMaxCount(-1).build();
        HttpClient http = HttpClient.create(pool).runOn(loops).responseTimeout(Duration.ofSeconds(10));
        try (MockUpstream mock = new MockUpstream(CpuHarness.intArg(args, "-mock-port", 18080))) {
            LoadHarness.Target target = new LoadHarness.Target("llmux", llmux + "/v1", Map.of("Authorization", "Bearer " + key),
                    Payloads.MODEL, false, pid);
            System.out.printf(Locale.ROOT, "soak: %d req/s open loop for %d × %d s, JSON and streaming slices in turn; first slice is warm-up%n",
                    rate, slices, slice);
            System.out.println("| slice | t (s) | mode | req/s | errors | p50 ms | p99 ms | RSS MB |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            List<Long> rss = new ArrayList<>();
            long errors = 0;
            long ok = 0;
            for (int i = 0; i < slices; i++) {
                String mode = i % 2 == 0 ? "open" : "open-stream";
                LoadHarness.Result r = LoadHarness.run(http, target, mode, 0, rate, slice, true);
                long kb = LoadHarness.statusKb(pid, "VmRSS:");
                rss.add(kb);
                if (i > 0) {
                    errors += r.errors();
                    ok += r.ok();
                }
                System.out.printf(Locale.ROOT, "| %d%s | %d | %s | %.0f | %.2f%% | %.2f | %.2f | %.0f |%n", i + 1, i == 0 ? " (warm-up)" : "",
                        (i + 1) * slice, mode.equals("open") ? "JSON" : "stream", r.rps(), r.errorPct(),
                        LoadHarness.pct(r.latencyUs(), 50) / 1000.0, LoadHarness.pct(r.latencyUs(), 99) / 1000.0, kb / 1024.0);
            }
            double growthMb = (rss.get(rss.size() - 1) - rss.get(0)) / 1024.0;
            double spanMin = (slices - 1) * slice / 60.0;
            // a least-squares slope over the measured slices, so one GC-timed reading does not decide the verdict
            double slope = slope(rss.subList(1, rss.size()), slice) / 1024.0;
            // the heap grows to its working size during the first minutes; the second half shows whether it keeps growing
            List<Long> late = rss.subList(rss.size() / 2, rss.size());
            double lateSlope = slope(late, slice) / 1024.0;
            System.out.printf(Locale.ROOT, "RSS after warm-up %.0f MB, at the end %.0f MB: %+.0f MB over %.1f min (fitted slope %+.1f MB/min); "
                    + "second half: %.0f -> %.0f MB (fitted slope %+.1f MB/min); peak %.0f MB; %d requests, %d errors%n",
                    rss.get(0) / 1024.0, rss.get(rss.size() - 1) / 1024.0, growthMb, spanMin, slope,
                    late.get(0) / 1024.0, late.get(late.size() - 1) / 1024.0, lateSlope, LoadHarness.peakRssKb(pid) / 1024.0, ok, errors);
        } finally {
            pool.disposeLater().block();
            loops.disposeLater().block();
        }
        System.exit(0);
    }

    /** Least-squares slope of {@code kb} readings taken every {@code sliceSeconds}, in kB per minute. */
    static double slope(List<Long> kb, int sliceSeconds) {
        int n = kb.size();
        if (n < 2) {
            return 0;
        }
        double mx = (n - 1) / 2.0;
        double my = kb.stream().mapToLong(Long::longValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - mx) * (kb.get(i) - my);
            den += (i - mx) * (i - mx);
        }
        return num / den * (60.0 / sliceSeconds);
    }
}
