package dev.llmux.bench;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Gateway load harness: closed loop (fixed concurrency) and open loop (fixed arrival rate, latency measured from
 * each request's intended start so queueing is not hidden), non-streaming and streaming (time to first token),
 * against the in-process {@link MockUpstream} (instant and fixed-60 ms) and, side by side in the same run, the
 * gateways given on the command line, already started and pointed at the mock's fixed port:
 *
 * <pre>
 * java -jar benchmarks.jar load [-quick] [-mock-port 18080] [-concurrency 16] [-rate 500[,RATE…]] [-duration 30]
 *      [-warmup 10] [-jit-warmup 40] [-jit-settle-max 180] [-modes closed,open,stream] [-upstreams instant,slow] [-repeat 1]
 *      [-llmux http://127.0.0.1:4000 -llmux-key sk-... -llmux-pid PID]
 *      [-portkey http://127.0.0.1:8787 -portkey-pid PID]
 * </pre>
 *
 * For a gateway given with its pid, peak RSS ({@code VmHWM} in {@code /proc/PID/status}) and its CPU per request
 * ({@code utime+stime} from {@code /proc/PID/stat}) are reported. Only loopback; every phase is bounded in time.
 * With {@code -Dload.trace=PREFIX} each measured phase's requests are also written to
 * {@code PREFIX-TARGET-MODE.csv}, the rate after an open-loop mode (e.g. {@code /tmp/t-llmux-open500.csv}): a
 * {@code #} line with the phase's start in epoch ms, then one {@code start offset µs,latency µs} line per request,
 * to line slow requests up with GC or spend-log flushes.
 */
public final class LoadHarness {

    private LoadHarness() {}

    record Target(String name, String url, Map<String, String> headers, String model, boolean slow, long pid) {}

    record Result(long ok, long errors, double seconds, long[] latencyUs, long[] ttftUs, double cpuUsPerReq) {
        double rps() {
            return ok / seconds;
        }

        double errorPct() {
            return ok + errors == 0 ? 0 : 100.0 * errors / (ok + errors);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("-quick");
        int mockPort = CpuHarness.intArg(args, "-mock-port", 18080);
        int concurrency = CpuHarness.intArg(args, "-concurrency", 16);
        // -rate 500 or a list such as -rate 100,200,500: open-loop phases at each rate in turn
        List<Integer> rates = Arrays.stream(CpuHarness.stringArg(args, "-rate", "500").split(",")).map(Integer::valueOf).toList();
        int rate = rates.get(0);
        double duration = CpuHarness.doubleArg(args, "-duration", quick ? 3 : 30);
        // quick: 18 phases of 1.5 + 3 s keep a three-target run (two gateways started and warmed) under two minutes
        double warmup = CpuHarness.doubleArg(args, "-warmup", quick ? 1.5 : 10);
        // -modes closed,open,stream and -upstreams instant,slow pick phases (all by default), for faster iteration
        List<String> modes = List.of(CpuHarness.stringArg(args, "-modes", "closed,open,stream").split(","));
        List<String> upstreams = List.of(CpuHarness.stringArg(args, "-upstreams", "instant,slow").split(","));
        int repeat = CpuHarness.intArg(args, "-repeat", 1); // each phase this many times in turn, for A/B runs
        // before the phases of each upstream, each gateway serves JSON then streams, closed loop, for this long: with
        // only a 10 s warm-up per phase the first phases measured the JIT compiler competing for the two cores, not
        // the gateway. Per upstream, because a warm-up on the instant mock alone left the JIT compiling (1.1 s of C2
        // time in a 30 s phase, 41 % of the slowest 1 % of requests inside a compilation) through the 60 ms phases.
        double jitWarmup = CpuHarness.doubleArg(args, "-jit-warmup", quick ? 3 : 40);
        // then, until the JIT has settled: 5 s closed-loop windows until three in a row are within 5 % of each other,
        // for at most this long. A fixed 40 s was enough on one VM type and not on another, whose first 10 s phases
        // after it ran at 2,000, 4,000 and then 8,000 req/s (0 turns the extension off; -quick does)
        double jitSettleMax = CpuHarness.doubleArg(args, "-jit-settle-max", quick ? 0 : 180);
        String llmux = CpuHarness.stringArg(args, "-llmux", null);
        String portkey = CpuHarness.stringArg(args, "-portkey", null);

        LoopResources loops = LoopResources.create("loadgen", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("loadgen").maxConnections(Math.max(concurrency, 256))
                .pendingAcquireMaxCount(-1).build();
        HttpClient http = HttpClient.create(pool).runOn(loops).responseTimeout(Duration.ofSeconds(10));
        try (MockUpstream mock = new MockUpstream(mockPort)) {
            System.out.printf(Locale.ROOT, "load harness: mock on %d, concurrency %d, open-loop rate(s) %s/s, %.0fs per phase (+%.0fs warm-up; "
                    + "%.0fs JIT warm-up per gateway before each upstream's phases)%n", mock.port(), concurrency, CpuHarness.stringArg(args, "-rate", "500"), duration,
                    warmup, jitWarmup);
            System.out.println("| upstream | target | mode | req/s | errors | p50 ms | p90 ms | p99 ms | added p50/p99 ms | TTFT p50/p99 ms | CPU-µs/req | peak RSS MB |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (boolean slow : new boolean[] {false, true}) {
                if (!upstreams.contains(slow ? "slow" : "instant")) {
                    continue;
                }
                List<Target> targets = new ArrayList<>();
                targets.add(new Target("direct", mock.base(slow), Map.of("Authorization", "Bearer sk-bench"), Payloads.MODEL, slow, -1));
                if (llmux != null) {
                    targets.add(new Target("llmux", llmux + "/v1",
                            Map.of("Authorization", "Bearer " + CpuHarness.stringArg(args, "-llmux-key", "sk-bench")),
                            slow ? Payloads.MODEL + "-slow" : Payloads.MODEL, slow, CpuHarness.intArg(args, "-llmux-pid", -1)));
                }
                String llmuxB = CpuHarness.stringArg(args, "-llmux-b", null);
                if (llmuxB != null) {
                    targets.add(new Target("llmux-b", llmuxB + "/v1",
                            Map.of("Authorization", "Bearer " + CpuHarness.stringArg(args, "-llmux-b-key", "sk-bench")),
                            slow ? Payloads.MODEL + "-slow" : Payloads.MODEL, slow, CpuHarness.intArg(args, "-llmux-b-pid", -1)));
                }
                if (portkey != null) {
                    targets.add(new Target("portkey", portkey + "/v1", Map.of("Authorization", "Bearer sk-bench",
                            "x-portkey-provider", "openai", "x-portkey-custom-host", mock.base(slow)),
                            Payloads.MODEL, slow, CpuHarness.intArg(args, "-portkey-pid", -1)));
                }
                String upstream = slow ? "60 ms" : "instant";
                // a 60 ms upstream holds each request 60 ms: eight times the concurrency keeps its warm-up's request
                // rate near the instant mock's open-loop rates
                int warmConcurrency = slow ? concurrency * 8 : concurrency;
                for (Target t : targets) {
                    if (!t.name().equals("direct")) {
                        run(http, t, "closed", warmConcurrency, rate, jitWarmup / 2, false);
                        run(http, t, "stream", warmConcurrency, rate, jitWarmup / 2, false);
                        settle(http, t, upstream, warmConcurrency, rate, jitSettleMax);
                    }
                }
                for (String mode : modes) {
                    for (int phaseRate : mode.equals("open") ? rates : List.of(rate)) {
                        Result floor = null;
                        for (int round = 0; round < repeat; round++) {
                            for (Target t : targets) {
                                run(http, t, mode, concurrency, phaseRate, warmup, false);
                                Result r = run(http, t, mode, concurrency, phaseRate, duration, true);
                                if (t.name().equals("direct")) {
                                    floor = r;
                                }
                                print(upstream, t, mode, r, floor, concurrency, phaseRate);
                            }
                        }
                    }
                }
            }
        } finally {
            pool.disposeLater().block();
            loops.disposeLater().block();
        }
        System.exit(0);
    }

    /**
     * Closed-loop windows of 5 s until three in a row are within 5 % of each other (the JIT has settled; two in a
     * row was fooled by a pause in a climb: 3,443 then 3,560, and the next phase ran at 4,447 req/s), or
     * {@code maxSeconds} have passed; the trajectory goes to stderr so a run shows how long its warm-up took.
     */
    private static void settle(HttpClient http, Target t, String upstream, int concurrency, int rate, double maxSeconds)
            throws InterruptedException {
        if (maxSeconds <= 0) {
            return;
        }
        StringBuilder trajectory = new StringBuilder();
        double[] last = {Double.NaN, Double.NaN, Double.NaN};
        double spent = 0;
        boolean settled = false;
        while (spent < maxSeconds && !settled) {
            double rps = run(http, t, "closed", concurrency, rate, 5, true, false).rps();
            spent += 5;
            trajectory.append(trajectory.length() == 0 ? "" : " -> ").append(String.format(Locale.ROOT, "%.0f", rps));
            last[0] = last[1];
            last[1] = last[2];
            last[2] = rps;
            double min = Math.min(last[0], Math.min(last[1], last[2])); // NaN until three windows ran
            double max = Math.max(last[0], Math.max(last[1], last[2]));
            settled = max <= 1.05 * min;
        }
        System.err.printf(Locale.ROOT, "JIT settle, %s on the %s upstream: %s req/s in 5 s windows (%s after %.0f s)%n", t.name(), upstream,
                trajectory, settled ? "settled" : "not settled", spent);
    }

    private static void print(String upstream, Target t, String mode, Result r, Result floor, int concurrency, int rate) {
        String added = floor == null || t.name().equals("direct") ? "—"
                : String.format(Locale.ROOT, "%.2f / %.2f", (pct(r.latencyUs(), 50) - pct(floor.latencyUs(), 50)) / 1000.0,
                        (pct(r.latencyUs(), 99) - pct(floor.latencyUs(), 99)) / 1000.0);
        String ttft = r.ttftUs().length == 0 ? "—"
                : String.format(Locale.ROOT, "%.2f / %.2f", pct(r.ttftUs(), 50) / 1000.0, pct(r.ttftUs(), 99) / 1000.0);
        String label = mode.equals("open") ? "open " + rate + "/s" : mode + " c=" + concurrency;
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.2f%% | %.2f | %.2f | %.2f | %s | %s | %s | %s |%n",
                upstream, t.name(), label, r.rps(), r.errorPct(), pct(r.latencyUs(), 50) / 1000.0, pct(r.latencyUs(), 90) / 1000.0,
                pct(r.latencyUs(), 99) / 1000.0, added, ttft,
                Double.isNaN(r.cpuUsPerReq()) ? "—" : String.format(Locale.ROOT, "%.0f", r.cpuUsPerReq()),
                t.pid() > 0 ? String.format(Locale.ROOT, "%.0f", peakRssKb(t.pid()) / 1024.0) : "—");
    }

    static Result run(HttpClient http, Target t, String mode, int concurrency, int rate, double seconds, boolean record)
            throws InterruptedException {
        return run(http, t, mode, concurrency, rate, seconds, record, record);
    }

    /** One phase; its result when {@code record}, its requests written to the trace files when {@code trace} too. */
    static Result run(HttpClient http, Target t, String mode, int concurrency, int rate, double seconds, boolean record, boolean trace)
            throws InterruptedException {
        boolean stream = mode.contains("stream");
        byte[] body = Payloads.bytes(Payloads.openAiRequestJson(stream).replace("\"" + Payloads.MODEL + "\"", "\"" + t.model() + "\""));
        HttpClient client = http.headers(h -> {
            h.set("Content-Type", "application/json");
            t.headers().forEach(h::set);
        });
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long cpu0 = t.pid() > 0 ? cpuTicks(t.pid()) : -1;
        long startEpochMs = System.currentTimeMillis();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        if (mode.startsWith("open")) {
            long interval = 1_000_000_000L / rate;
            long total = (long) (seconds * rate);
            CountDownLatch done = new CountDownLatch((int) total);
            for (long i = 0; i < total; i++) {
                long intended = start + i * interval;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                one(client, t.url(), body, stream, intended).subscribe(s -> {
                    samples.add(s);
                    ok.incrementAndGet();
                    done.countDown();
                }, e -> {
                    errors.incrementAndGet();
                    done.countDown();
                });
            }
            done.await(15, TimeUnit.SECONDS);
        } else {
            CountDownLatch done = new CountDownLatch(concurrency);
            for (int w = 0; w < concurrency; w++) {
                Mono.defer(() -> one(client, t.url(), body, stream, System.nanoTime())
                                .doOnNext(s -> {
                                    samples.add(s);
                                    ok.incrementAndGet();
                                })
                                .onErrorResume(e -> {
                                    errors.incrementAndGet();
                                    return Mono.empty();
                                }))
                        .repeat(() -> System.nanoTime() < end)
                        .doFinally(s -> done.countDown())
                        .subscribe();
            }
            done.await((long) seconds + 15, TimeUnit.SECONDS);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (!record) {
            return null;
        }
        double cpuPerReq = cpu0 < 0 || ok.get() == 0 ? Double.NaN : (cpuTicks(t.pid()) - cpu0) * 10_000.0 / ok.get();
        String tracePrefix = trace ? System.getProperty("load.trace") : null;
        if (tracePrefix != null) {
            StringBuilder csv = new StringBuilder("#").append(startEpochMs).append('\n');
            samples.forEach(s -> csv.append((s[2] - start) / 1000).append(',').append(s[0]).append('\n'));
            try {
                Files.writeString(Path.of(tracePrefix + "-" + t.name() + "-" + mode + (mode.equals("open") ? rate : "") + ".csv"), csv);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        long[] lat = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
        long[] ttft = stream ? samples.stream().mapToLong(s -> s[1]).sorted().toArray() : new long[0];
        return new Result(ok.get(), errors.get(), wall, lat, ttft, cpuPerReq);
    }

    /** One request; emits {latency µs, time to first body byte µs} from {@code startNanos}, or an error for non-2xx. */
    private static Mono<long[]> one(HttpClient client, String url, byte[] body, boolean stream, long startNanos) {
        long[] firstByte = {0};
        return client.post().uri(url + "/chat/completions")
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .response((res, content) -> {
                    if (res.status().code() / 100 != 2) {
                        return content.then(Mono.error(new IllegalStateException("HTTP " + res.status().code())));
                    }
                    return content.doOnNext(b -> {
                        if (firstByte[0] == 0 && b.readableBytes() > 0) {
                            firstByte[0] = System.nanoTime();
                        }
                    }).then(Mono.fromSupplier(() -> new long[] {(System.nanoTime() - startNanos) / 1000,
                            firstByte[0] == 0 ? 0 : (firstByte[0] - startNanos) / 1000, startNanos}));
                })
                .next();
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** utime + stime of a process, in clock ticks (USER_HZ = 100 on Linux). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /** Peak resident set size (VmHWM) of a process, in kB. */
    static long peakRssKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    /** A {@code kB} field of {@code /proc/PID/status}, e.g. {@code VmRSS:}. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
    }
}
