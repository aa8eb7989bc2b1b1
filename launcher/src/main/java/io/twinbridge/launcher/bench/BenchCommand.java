package io.twinbridge.launcher.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code ./twinbridge bench ingest|egress|sandbox [options]}: parses the options, runs, prints and writes the JSON result. */
public final class BenchCommand {
    public static final String USAGE = """
            usage: ./twinbridge bench egress [--events N] [--things N] [--rounds N] [--out FILE]
              --events            twin changes merged into the sandbox and published (default 100000)
              --things            twins the changes are spread over (default 1000)
              --rounds            raw producer and replay runs, alternately; medians reported (default 3)
              --out               result file (default target/bench/egress.json)
                   ./twinbridge bench egress --failover [--things N] [--rate N] [--session-timeout-seconds N]
                                             [--after-kill-seconds N] [--out FILE]
              two gateway processes run egress while twins change; the active one gets SIGKILL: takeover time,
              changes missing from the topic, duplicates
              --things            twins that change (default 200)
              --rate              changes/s (default 200)
              --session-timeout-seconds  the gateways' egress.failover-timeout (default 10)
              --after-kill-seconds  how long twins go on changing once the standby took over (default 10)
              --out               result file (default target/bench/egress-failover.json; logs beside it)
                   ./twinbridge bench egress --downtime-seconds N [--things N] [--rate N] [--out FILE]
              one gateway process runs egress; it gets SIGKILL, twins change (20 deleted, 5 created) for N s, it
              starts again: time until every change is on the topic, changes missing
              --things            twins (default 1000)
              --rate              changes/s during the downtime (default 200)
              --out               result file (default target/bench/egress-downtime.json; logs beside it)
                   ./twinbridge bench ingest [--events N] [--devices N] [--partitions N] [--rate N]
                                             [--latency-seconds N] [--coalesce-window-ms N]
                                             [--naive-events N] [--out FILE]
              --events            records preloaded and ingested (default 1000000)
              --devices           simulated devices, spread over the four kinds (default 10000)
              --partitions        partitions of the telemetry topic (default 4)
              --rate              events/s of the latency phase (default 5000)
              --latency-seconds   length of the latency phase (default 20)
              --coalesce-window-ms  ingest.coalesce-window for the run (default 5)
              --naive-events      records of the naive baseline, one merge per event (default 20000; 0 = skip)
              --out               result file (default target/bench/ingest.json)
                   ./twinbridge bench faults [--duration-seconds N] [--rate N] [--devices N] [--poison N]
                                             [--freeze-seconds N] [--group-protocol classic|consumer] [--out FILE]
              broker, Ditto sandbox and two gateways as processes on 127.0.0.1 under load, with SIGKILL of a
              gateway, SIGSTOP/SIGCONT of the sandbox, a poison flood and SIGKILL + restart of the broker
              --duration-seconds  how long valid records flow once the gateways caught up and the faults
                                  begin (default 90, at least 75)
              --rate              valid records/s (default 1000)
              --devices           simulated devices (default 1000)
              --poison            bad records of the flood (default 1000)
              --freeze-seconds    how long the sandbox is stopped (default 15)
              --group-protocol    the gateways' kafka.group-protocol (default classic)
              --out               result file (default target/bench/faults.json; logs under target/bench/faults/)
                   ./twinbridge bench sandbox [--merges N] [--things N] [--sessions N] [--in-flight N] [--out FILE]
              --merges            conditional merges measured, after a tenth as many to warm up (default 200000)
              --things            turbine twins under the acme tenant policy (default 10000)
              --sessions          WebSocket sessions the merges are spread over (default 4)
              --in-flight         unanswered merges per session (default 64)
              --out               result file (default target/bench/sandbox.json)""";

    private BenchCommand() {
    }

    /** Returns the exit code: 0 ok, 2 usage, 1 the run failed or lost events. */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String which = args.isEmpty() ? "" : args.get(0);
        if (!which.equals("ingest") && !which.equals("egress") && !which.equals("faults")
                && !which.equals("sandbox")) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (flag.equals("--failover")) {
                flags.put(flag, "true");
                continue;
            }
            if (i + 1 >= args.size()) {
                err.println("missing value for " + flag + "\n" + USAGE);
                return 2;
            }
            flags.put(flag, args.get(++i));
        }
        try {
            return switch (which) {
                case "egress" -> egress(flags, out, err);
                case "faults" -> faults(flags, out, err);
                case "sandbox" -> sandbox(flags, out, err);
                default -> ingest(flags, out, err);
            };
        } catch (NumberFormatException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int ingest(Map<String, String> flags, PrintStream out, PrintStream err) throws Exception {
        IngestBenchmarkOptions o = IngestBenchmarkOptions.defaults();
        Path outFile = Path.of("target", "bench", "ingest.json");
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String flag = f.getKey();
            String value = f.getValue();
            switch (flag) {
                case "--events" -> o = new IngestBenchmarkOptions(positive(flag, value), o.devices(),
                        o.partitions(), o.rate(), o.latencySeconds(), o.coalesceWindow(), o.naiveEvents());
                case "--devices" -> o = new IngestBenchmarkOptions(o.events(), (int) positive(flag, value),
                        o.partitions(), o.rate(), o.latencySeconds(), o.coalesceWindow(), o.naiveEvents());
                case "--partitions" -> o = new IngestBenchmarkOptions(o.events(), o.devices(),
                        (int) positive(flag, value), o.rate(), o.latencySeconds(), o.coalesceWindow(), o.naiveEvents());
                case "--rate" -> o = new IngestBenchmarkOptions(o.events(), o.devices(), o.partitions(),
                        (int) positive(flag, value), o.latencySeconds(), o.coalesceWindow(), o.naiveEvents());
                case "--latency-seconds" -> o = new IngestBenchmarkOptions(o.events(), o.devices(),
                        o.partitions(), o.rate(), (int) positive(flag, value), o.coalesceWindow(), o.naiveEvents());
                case "--coalesce-window-ms" -> o = new IngestBenchmarkOptions(o.events(), o.devices(),
                        o.partitions(), o.rate(), o.latencySeconds(), Duration.ofMillis(number(flag, value)),
                        o.naiveEvents());
                case "--naive-events" -> o = o.withNaiveEvents(number(flag, value));
                case "--out" -> outFile = Path.of(value);
                default -> {
                    return unknown(flag, err);
                }
            }
        }
        return write(new IngestBenchmark(o, out).run(), outFile, out);
    }

    private static int egress(Map<String, String> flags, PrintStream out, PrintStream err) throws Exception {
        if (flags.containsKey("--failover") || flags.containsKey("--downtime-seconds")) {
            return egressFaults(flags, out, err);
        }
        long events = 100_000;
        int things = 1_000;
        int rounds = EgressBenchmark.DEFAULT_ROUNDS;
        Path outFile = Path.of("target", "bench", "egress.json");
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String flag = f.getKey();
            String value = f.getValue();
            switch (flag) {
                case "--events" -> events = positive(flag, value);
                case "--things" -> things = (int) positive(flag, value);
                case "--rounds" -> rounds = (int) positive(flag, value);
                case "--out" -> outFile = Path.of(value);
                default -> {
                    return unknown(flag, err);
                }
            }
        }
        return write(new EgressBenchmark(events, things, rounds, out).run(), outFile, out);
    }

    private static int egressFaults(Map<String, String> flags, PrintStream out, PrintStream err) throws Exception {
        if (flags.containsKey("--failover") && flags.containsKey("--downtime-seconds")) {
            err.println("--failover and --downtime-seconds are two runs of their own\n" + USAGE);
            return 2;
        }
        boolean failover = flags.containsKey("--failover");
        EgressFaultsBenchmark.Options o = failover ? EgressFaultsBenchmark.Options.failover()
                : EgressFaultsBenchmark.Options.downtime(Duration.ofSeconds(positive("--downtime-seconds",
                flags.get("--downtime-seconds"))));
        Path outFile = Path.of("target", "bench", failover ? "egress-failover.json" : "egress-downtime.json");
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String flag = f.getKey();
            String value = f.getValue();
            switch (flag) {
                case "--failover", "--downtime-seconds" -> {
                    // the mode, read above
                }
                case "--things" -> o = o.withThings((int) positive(flag, value));
                case "--rate" -> o = o.withRate((int) positive(flag, value));
                case "--session-timeout-seconds" -> o = o.withSessionTimeout(Duration.ofSeconds(positive(flag,
                        value)));
                case "--after-kill-seconds" -> o = o.withAfterKill(Duration.ofSeconds(positive(flag, value)));
                case "--out" -> outFile = Path.of(value);
                default -> {
                    return unknown(flag, err);
                }
            }
        }
        if (!failover && o.things() < EgressFaultsBenchmark.MIN_THINGS) {
            err.println("--things must be at least " + EgressFaultsBenchmark.MIN_THINGS + " with --downtime-seconds "
                    + "(20 of them are deleted)\n" + USAGE);
            return 2;
        }
        Path workDir = outFile.toAbsolutePath().getParent().resolve(failover ? "egress-failover" : "egress-downtime");
        Map<String, Object> result = new EgressFaultsBenchmark(o, out, workDir).run();
        write(result, outFile, out);
        return ((Number) result.get("missing")).longValue() == 0 ? 0 : 1;
    }

    private static int faults(Map<String, String> flags, PrintStream out, PrintStream err) throws Exception {
        FaultsOptions d = FaultsOptions.defaults();
        long duration = d.duration().toSeconds();
        long rate = d.rate();
        long devices = d.devices();
        long poison = d.poison();
        long freeze = d.freeze().toSeconds();
        String protocol = d.groupProtocol();
        Path outFile = Path.of("target", "bench", "faults.json");
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String flag = f.getKey();
            String value = f.getValue();
            switch (flag) {
                case "--duration-seconds" -> duration = positive(flag, value);
                case "--rate" -> rate = positive(flag, value);
                case "--devices" -> devices = positive(flag, value);
                case "--poison" -> poison = number(flag, value);
                case "--freeze-seconds" -> freeze = number(flag, value);
                case "--group-protocol" -> protocol = value;
                case "--out" -> outFile = Path.of(value);
                default -> {
                    return unknown(flag, err);
                }
            }
        }
        FaultsOptions options;
        try {
            options = new FaultsOptions(Duration.ofSeconds(duration), (int) Math.min(rate, Integer.MAX_VALUE),
                    (int) Math.min(devices, Integer.MAX_VALUE), (int) Math.min(poison, Integer.MAX_VALUE),
                    Duration.ofSeconds(freeze), protocol);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Path workDir = outFile.toAbsolutePath().getParent().resolve("faults");
        Map<String, Object> result = new FaultsBenchmark(options, out, workDir).run();
        write(result, outFile, out);
        boolean passed = FaultsBenchmark.passed(result);
        out.println(passed ? "faults: every goal met" : "faults: a goal was missed (see the figures above)");
        return passed ? 0 : 1;
    }

    private static int sandbox(Map<String, String> flags, PrintStream out, PrintStream err) throws Exception {
        SandboxBenchmark.Options o = SandboxBenchmark.Options.defaults();
        Path outFile = Path.of("target", "bench", "sandbox.json");
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String flag = f.getKey();
            String value = f.getValue();
            switch (flag) {
                case "--merges" -> o = new SandboxBenchmark.Options(positive(flag, value), o.things(), o.sessions(),
                        o.inFlight());
                case "--things" -> o = new SandboxBenchmark.Options(o.merges(), (int) positive(flag, value),
                        o.sessions(), o.inFlight());
                case "--sessions" -> o = new SandboxBenchmark.Options(o.merges(), o.things(),
                        (int) positive(flag, value), o.inFlight());
                case "--in-flight" -> o = new SandboxBenchmark.Options(o.merges(), o.things(), o.sessions(),
                        (int) positive(flag, value));
                case "--out" -> outFile = Path.of(value);
                default -> {
                    return unknown(flag, err);
                }
            }
        }
        if (o.sessions() > o.things()) {
            err.println("--sessions must not exceed --things\n" + USAGE);
            return 2;
        }
        return write(new SandboxBenchmark(o, out).run(), outFile, out);
    }

    private static int unknown(String flag, PrintStream err) {
        err.println("unknown option " + flag + "\n" + USAGE);
        return 2;
    }

    private static int write(Map<String, Object> result, Path outFile, PrintStream out) throws Exception {
        String json = result.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + render(e.getValue()))
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, json, StandardCharsets.UTF_8);
        out.println("wrote " + outFile);
        out.print(json);
        return result.get("lost") instanceof Number lost && lost.longValue() != 0 ? 1 : 0;
    }

    private static long positive(String flag, String value) {
        long v = number(flag, value);
        if (v <= 0) {
            throw new NumberFormatException(flag + " must be positive, was " + value);
        }
        return v;
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(flag + ": '" + value + "' is not a number");
        }
    }

    private static String render(Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            return "\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(value);
    }
}
