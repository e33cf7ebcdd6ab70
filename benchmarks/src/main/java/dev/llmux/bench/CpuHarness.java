package dev.llmux.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU per call, A/B alternating in one run: every client runs against the same in-process stub with a fixed number
 * of calling threads, one after another, for several rounds (the order rotates each round). For each slot the
 * process's CPU time minus the stub thread's CPU time, divided by the calls made, is the client's CPU per call
 * (its calling threads, its I/O threads, GC and JIT included). Ratios vs the floor are taken within each round,
 * then the median and the spread (min–max) over rounds are reported, with the part spent on the calling threads
 * (where a client builds and writes its request; the rest is its I/O threads, GC and JIT).
 *
 * <p>{@code -own}: llmux's own work alone — each llmux client on one thread against a {@link CannedTransport} that
 * answers as the stub does, without a socket, timed by that thread's CPU clock.
 *
 * <pre>java -jar benchmarks.jar cpu [-quick] [-stream] [-own] [-threads 2] [-rounds 5] [-warmup 10] [-measure 10] [-clients a,b]</pre>
 */
public final class CpuHarness {

    private CpuHarness() {}

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("-quick");
        int threads = intArg(args, "-threads", 2);
        int rounds = intArg(args, "-rounds", quick ? 3 : 5);
        double warmup = doubleArg(args, "-warmup", quick ? 4 : 10);
        double measure = doubleArg(args, "-measure", quick ? 2.5 : 10);
        // -stream: each call is a full 20-delta stream consumed to its end instead of a chat call
        boolean stream = Arrays.asList(args).contains("-stream");
        boolean own = Arrays.asList(args).contains("-own");
        String only = stringArg(args, "-clients", String.join(",", own ? Clients.LLMUX : Clients.ALL));
        List<String> names = List.of(only.split(","));
        if (own) {
            ownWork(names, stream, rounds, warmup, measure);
            System.exit(0);
        }

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (StubServer stub = new StubServer(20)) {
            Map<String, BenchClient> clients = new LinkedHashMap<>();
            for (String n : names) {
                clients.put(n, Clients.create(n, stub.baseUrl()));
            }
            System.out.printf(Locale.ROOT, "cpu harness (%s): %d threads, %d rounds, warm-up %.1fs each, measured %.1fs per slot, %d cores%n",
                    stream ? "streams" : "chat calls", threads, rounds, warmup, measure, Runtime.getRuntime().availableProcessors());
            for (var e : clients.entrySet()) {
                run(e.getValue(), stream, threads, warmup);
            }
            Map<String, List<double[]>> results = new LinkedHashMap<>(); // name -> per round {cpuUs, callsPerSec, callerUs}
            names.forEach(n -> results.put(n, new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                List<String> order = new ArrayList<>(names);
                java.util.Collections.rotate(order, -r);
                for (String n : order) {
                    run(clients.get(n), stream, threads, 0.5); // re-warm after the previous client
                    long cpu0 = os.getProcessCpuTime();
                    long stub0 = StubServer.stubCpuNanos();
                    long t0 = System.nanoTime();
                    AtomicLong callerNanos = new AtomicLong();
                    long calls = run(clients.get(n), stream, threads, measure, callerNanos);
                    long wall = System.nanoTime() - t0;
                    long cpu = os.getProcessCpuTime() - cpu0 - (StubServer.stubCpuNanos() - stub0);
                    double us = cpu / 1000.0 / calls;
                    double rate = calls * 1e9 / wall;
                    double callerUs = callerNanos.get() / 1000.0 / calls;
                    results.get(n).add(new double[] {us, rate, callerUs});
                    System.out.printf(Locale.ROOT, "round %d  %-16s %8.1f CPU-us/call  %8.0f calls/s  (calling threads %.1f)%n",
                            r + 1, n, us, rate, callerUs);
                }
            }
            print(results, names, rounds);
            clients.values().forEach(BenchClient::close);
        }
        System.exit(0); // peers leave non-daemon pools behind
    }

    private static void print(Map<String, List<double[]>> results, List<String> names, int rounds) {
        boolean hasFloor = results.containsKey("floor");
        System.out.println();
        System.out.println("| client | CPU-µs per call, median (min–max) | ratio vs floor, median (min–max) | calls/s, median | of which calling threads, median |");
        System.out.println("|---|---|---|---|---|");
        for (String n : names) {
            List<double[]> rs = results.get(n);
            double[] us = rs.stream().mapToDouble(a -> a[0]).toArray();
            double[] rate = rs.stream().mapToDouble(a -> a[1]).toArray();
            double[] caller = rs.stream().mapToDouble(a -> a[2]).toArray();
            String ratio = "—";
            if (hasFloor) {
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratios[r] = rs.get(r)[0] / results.get("floor").get(r)[0];
                }
                ratio = String.format(Locale.ROOT, "%.2fx (%.2f–%.2f)", median(ratios), min(ratios), max(ratios));
            }
            System.out.printf(Locale.ROOT, "| %s | %.0f (%.0f–%.0f) | %s | %.0f | %.0f |%n", n, median(us), min(us), max(us), ratio,
                    median(rate), median(caller));
        }
    }

    /**
     * Each llmux client alone on this thread against a canned transport: thread CPU per call, median (min–max) over
     * rounds, and the bytes that thread allocated per call (the canned body's copy included, as a socket's read would be).
     */
    private static void ownWork(List<String> names, boolean stream, int rounds, double warmup, double measure) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "cpu harness, own work (%s): 1 thread, canned transport, %d rounds, warm-up %.1fs, measured %.1fs per round%n",
                stream ? "streams" : "chat calls", rounds, warmup, measure);
        System.out.println();
        System.out.println("| client | own CPU-µs per call, median (min–max) | bytes allocated per call, median |");
        System.out.println("|---|---|---|");
        try (StubServer stub = new StubServer(20)) {
            for (String n : names) {
                try (BenchClient client = Clients.canned(n, stub)) {
                    callFor(client, stream, warmup);
                    double[] us = new double[rounds];
                    double[] bytes = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        long cpu0 = mx.getCurrentThreadCpuTime();
                        long bytes0 = mx.getCurrentThreadAllocatedBytes();
                        long calls = callFor(client, stream, measure);
                        us[r] = (mx.getCurrentThreadCpuTime() - cpu0) / 1000.0 / calls;
                        bytes[r] = (double) (mx.getCurrentThreadAllocatedBytes() - bytes0) / calls;
                    }
                    System.out.printf(Locale.ROOT, "| %s | %.1f (%.1f–%.1f) | %,.0f |%n", n, median(us), min(us), max(us), median(bytes));
                }
            }
        }
    }

    /** Calls for {@code seconds} on this thread; a canned transport never fails, so a call that yields nothing is fatal. */
    private static long callFor(BenchClient client, boolean stream, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long calls = 0;
        while (System.nanoTime() < end) {
            if (stream ? client.stream() <= 0 : client.chat() == null) {
                throw new IllegalStateException(client + " answered nothing on a canned transport");
            }
            calls++;
        }
        return calls;
    }

    /** Runs {@code threads} callers (chat calls, or whole streams) for {@code seconds}; returns the number of successful calls. */
    static long run(BenchClient client, boolean stream, int threads, double seconds) throws InterruptedException {
        return run(client, stream, threads, seconds, new AtomicLong());
    }

    /** As {@link #run(BenchClient, boolean, int, double)}, adding the calling threads' CPU time to {@code callerNanos}. */
    static long run(BenchClient client, boolean stream, int threads, double seconds, AtomicLong callerNanos) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long n = 0;
                while (!stop.get()) {
                    try {
                        if (stream ? client.stream() > 0 : client.chat() != null) {
                            n++;
                        }
                    } catch (RuntimeException e) {
                        if (errors.getAndIncrement() == 0) {
                            e.printStackTrace();
                        }
                    }
                }
                calls.addAndGet(n);
                callerNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0);
            }, "caller-" + i);
            t.start();
            workers.add(t);
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        // A rare transport hiccup (e.g. the JDK client reusing a connection as it closes) is reported, not fatal;
        // more than 1% failures means the figure would not be a per-call cost any more.
        if (errors.get() > 0) {
            System.out.printf(Locale.ROOT, "  %s: %d of %d calls failed (first stack trace above)%n",
                    Thread.currentThread().getName(), errors.get(), calls.get() + errors.get());
        }
        if (errors.get() * 100 > calls.get() + errors.get()) {
            throw new IllegalStateException(errors.get() + " of " + (calls.get() + errors.get()) + " calls failed");
        }
        return calls.get();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static int intArg(String[] args, String name, int dflt) {
        String v = stringArg(args, name, null);
        return v == null ? dflt : Integer.parseInt(v);
    }

    static double doubleArg(String[] args, String name, double dflt) {
        String v = stringArg(args, name, null);
        return v == null ? dflt : Double.parseDouble(v);
    }

    static String stringArg(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}
