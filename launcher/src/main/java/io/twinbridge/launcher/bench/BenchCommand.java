package io.twinbridge.launcher.bench;

import io.twinbridge.launcher.CommandLines;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code ./twinbridge bench ingest|egress|faults|sandbox [options]}: picocli parses the options and generates the
 * help, then the benchmark runs, prints and writes its JSON result.
 */
public final class BenchCommand {
    /** {@code ./twinbridge bench}: its four benchmarks are subcommands, each with its options. */
    @Command(name = "./twinbridge bench", description = "Measure ingest, egress or the sandbox on this machine, or run the fault "
            + "suite; each writes its figures as JSON.",
            subcommands = {Ingest.class, Egress.class, Faults.class, Sandbox.class})
    static final class Bench {
        @Mixin
        CommandLines.Help help;
    }

    @Command(name = "egress", description = {"Twin changes merged into the sandbox, published by egress, and "
            + "replayed from recorded Ditto events; each against a bare producer.",
            "With --failover: two gateway processes run egress while twins change, the active one gets SIGKILL "
            + "(takeover time, changes missing from the topic, duplicates). With --downtime-seconds N: one gateway "
            + "process gets SIGKILL, twins change (20 deleted, 5 created) for N s, it starts again (time until "
            + "every change is on the topic, changes missing)."})
    static final class Egress {
        @Mixin
        CommandLines.Help help;
        @Option(names = "--events", paramLabel = "N", description = "Twin changes merged and published "
                + "(default 100000).")
        String events;
        @Option(names = "--things", paramLabel = "N", description = "Twins the changes are spread over (default 1000; "
                + "200 with --failover).")
        String things;
        @Option(names = "--rounds", paramLabel = "N", description = "Raw producer and replay runs, alternately; the "
                + "medians are reported (default 3).")
        String rounds;
        @Option(names = "--failover", description = "Failover run: SIGKILL of the active one of two gateways.")
        boolean failover;
        @Option(names = "--downtime-seconds", paramLabel = "N", description = "Downtime run: the gateway is down "
                + "for N s.")
        String downtimeSeconds;
        @Option(names = "--rate", paramLabel = "N", description = "Changes/s of a failover or downtime run "
                + "(default 200).")
        String rate;
        @Option(names = "--session-timeout-seconds", paramLabel = "N", description = "The gateways' "
                + "egress.failover-timeout in a failover run (default 10).")
        String sessionTimeoutSeconds;
        @Option(names = "--after-kill-seconds", paramLabel = "N", description = "How long twins go on changing once "
                + "the standby took over (default 10).")
        String afterKillSeconds;
        @Option(names = "--out", paramLabel = "FILE", description = "Result file (default target/bench/egress.json, "
                + "egress-failover.json or egress-downtime.json; the gateways' logs beside it).")
        String out;
    }

    @Command(name = "ingest", description = "Records preloaded and ingested, a latency phase at a fixed rate, and "
            + "a naive baseline of one merge per event.")
    static final class Ingest {
        @Mixin
        CommandLines.Help help;
        @Option(names = "--events", paramLabel = "N", description = "Records preloaded and ingested (default 1000000).")
        String events;
        @Option(names = "--devices", paramLabel = "N", description = "Simulated devices, spread over the four kinds "
                + "(default 10000).")
        String devices;
        @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the telemetry topic (default 4).")
        String partitions;
        @Option(names = "--rate", paramLabel = "N", description = "Events/s of the latency phase (default 5000).")
        String rate;
        @Option(names = "--latency-seconds", paramLabel = "N", description = "Length of the latency phase "
                + "(default 20).")
        String latencySeconds;
        @Option(names = "--coalesce-window-ms", paramLabel = "N", description = "ingest.coalesce-window for the run "
                + "(default 5).")
        String coalesceWindowMs;
        @Option(names = "--naive-events", paramLabel = "N", description = "Records of the naive baseline, one merge "
                + "per event (default 20000; 0 = skip).")
        String naiveEvents;
        @Option(names = "--warm-events", paramLabel = "N", description = "Records of the steady-state phase: a new "
                + "gateway ingests them once every twin exists (default: as many as --events; 0 = skip).")
        String warmEvents;
        @Option(names = "--sandbox-in-process", description = "Run the Ditto sandbox in the benchmark's JVM instead of "
                + "a JVM of its own (default: its own, with -Xmx1g, so that its garbage does not pause the gateway).")
        boolean sandboxInProcess;
        @Option(names = "--out", paramLabel = "FILE", description = "Result file (default target/bench/ingest.json).")
        String out;
    }

    @Command(name = "faults", description = "Broker, Ditto sandbox and two gateways as processes on 127.0.0.1 under "
            + "load, with SIGKILL of a gateway, SIGSTOP/SIGCONT of the sandbox, a poison flood and SIGKILL + restart "
            + "of the broker.")
    static final class Faults {
        @Mixin
        CommandLines.Help help;
        @Option(names = "--duration-seconds", paramLabel = "N", description = "How long valid records flow once the "
                + "gateways caught up and the faults begin (default 90, at least 75).")
        String durationSeconds;
        @Option(names = "--rate", paramLabel = "N", description = "Valid records/s (default 1000).")
        String rate;
        @Option(names = "--devices", paramLabel = "N", description = "Simulated devices (default 1000).")
        String devices;
        @Option(names = "--poison", paramLabel = "N", description = "Bad records of the flood (default 1000).")
        String poison;
        @Option(names = "--freeze-seconds", paramLabel = "N", description = "How long the sandbox is stopped "
                + "(default 15).")
        String freezeSeconds;
        @Option(names = "--group-protocol", paramLabel = "classic|consumer", description = "The gateways' "
                + "kafka.group-protocol (default classic).")
        String groupProtocol;
        @Option(names = "--out", paramLabel = "FILE", description = "Result file (default target/bench/faults.json; "
                + "logs under target/bench/faults/).")
        String out;
    }

    @Command(name = "sandbox", description = "Conditional merges against the Ditto sandbox, after a tenth as many to "
            + "warm up.")
    static final class Sandbox {
        @Mixin
        CommandLines.Help help;
        @Option(names = "--merges", paramLabel = "N", description = "Conditional merges measured (default 200000).")
        String merges;
        @Option(names = "--things", paramLabel = "N", description = "Turbine twins under the acme tenant policy "
                + "(default 10000).")
        String things;
        @Option(names = "--sessions", paramLabel = "N", description = "WebSocket sessions the merges are spread over "
                + "(default 4).")
        String sessions;
        @Option(names = "--in-flight", paramLabel = "N", description = "Unanswered merges per session (default 64).")
        String inFlight;
        @Option(names = "--out", paramLabel = "FILE", description = "Result file (default target/bench/sandbox.json).")
        String out;
    }

    private BenchCommand() {
    }

    /** The generated help of {@code bench}, which lists the benchmarks. */
    public static String usage() {
        return new CommandLine(new Bench()).getUsageMessage();
    }

    /** Returns the exit code: 0 ok, 2 usage, 1 the run failed or lost events. */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine bench = new CommandLine(new Bench());
        ParseResult parsed;
        try {
            parsed = bench.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            err.println(e.getMessage() + "\n" + e.getCommandLine().getUsageMessage().stripTrailing());
            return 2;
        }
        if (parsed.isUsageHelpRequested()) {
            bench.usage(out);
            return 0;
        }
        if (!parsed.hasSubcommand()) {
            err.println(bench.getUsageMessage().stripTrailing());
            return 2;
        }
        ParseResult which = parsed.subcommand();
        if (which.isUsageHelpRequested()) {
            which.commandSpec().commandLine().usage(out);
            return 0;
        }
        String usage = which.commandSpec().commandLine().getUsageMessage().stripTrailing();
        try {
            Object benchmark = which.commandSpec().userObject();
            if (benchmark instanceof Egress egress) {
                return egress(egress, out, err, usage);
            }
            if (benchmark instanceof Faults faults) {
                return faults(faults, out, err, usage);
            }
            if (benchmark instanceof Sandbox sandbox) {
                return sandbox(sandbox, out, err, usage);
            }
            return ingest((Ingest) benchmark, out);
        } catch (NumberFormatException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int ingest(Ingest args, PrintStream out) throws Exception {
        IngestBenchmarkOptions d = IngestBenchmarkOptions.defaults();
        long events = positive("--events", args.events, d.events());
        IngestBenchmarkOptions o = new IngestBenchmarkOptions(events,
                (int) positive("--devices", args.devices, d.devices()),
                (int) positive("--partitions", args.partitions, d.partitions()),
                (int) positive("--rate", args.rate, d.rate()),
                (int) positive("--latency-seconds", args.latencySeconds, d.latencySeconds()),
                Duration.ofMillis(number("--coalesce-window-ms", args.coalesceWindowMs,
                        d.coalesceWindow().toMillis())),
                number("--naive-events", args.naiveEvents, d.naiveEvents()), !args.sandboxInProcess,
                number("--warm-events", args.warmEvents, events));
        return write(new IngestBenchmark(o, out).run(), outFile(args.out, "ingest.json"), out);
    }

    private static int egress(Egress args, PrintStream out, PrintStream err, String usage) throws Exception {
        if (args.failover || args.downtimeSeconds != null) {
            return egressFaults(args, out, err, usage);
        }
        if (args.rate != null || args.sessionTimeoutSeconds != null || args.afterKillSeconds != null) {
            err.println("--rate, --session-timeout-seconds and --after-kill-seconds belong to --failover or "
                    + "--downtime-seconds\n" + usage);
            return 2;
        }
        return write(new EgressBenchmark(positive("--events", args.events, 100_000),
                (int) positive("--things", args.things, 1_000),
                (int) positive("--rounds", args.rounds, EgressBenchmark.DEFAULT_ROUNDS), out).run(),
                outFile(args.out, "egress.json"), out);
    }

    private static int egressFaults(Egress args, PrintStream out, PrintStream err, String usage) throws Exception {
        if (args.failover && args.downtimeSeconds != null) {
            err.println("--failover and --downtime-seconds are two runs of their own\n" + usage);
            return 2;
        }
        if (args.events != null || args.rounds != null) {
            err.println("--events and --rounds belong to the throughput run\n" + usage);
            return 2;
        }
        EgressFaultsBenchmark.Options o = args.failover ? EgressFaultsBenchmark.Options.failover()
                : EgressFaultsBenchmark.Options.downtime(Duration.ofSeconds(positive("--downtime-seconds",
                args.downtimeSeconds, 0)));
        o = o.withThings((int) positive("--things", args.things, o.things()))
                .withRate((int) positive("--rate", args.rate, o.rate()))
                .withSessionTimeout(Duration.ofSeconds(positive("--session-timeout-seconds",
                        args.sessionTimeoutSeconds, o.sessionTimeout().toSeconds())))
                .withAfterKill(Duration.ofSeconds(positive("--after-kill-seconds", args.afterKillSeconds,
                        Math.max(1, o.afterKill().toSeconds()))));
        if (!args.failover && o.things() < EgressFaultsBenchmark.MIN_THINGS) {
            err.println("--things must be at least " + EgressFaultsBenchmark.MIN_THINGS + " with --downtime-seconds "
                    + "(20 of them are deleted)\n" + usage);
            return 2;
        }
        Path outFile = outFile(args.out, args.failover ? "egress-failover.json" : "egress-downtime.json");
        Path workDir = outFile.toAbsolutePath().getParent()
                .resolve(args.failover ? "egress-failover" : "egress-downtime");
        Map<String, Object> result = new EgressFaultsBenchmark(o, out, workDir).run();
        write(result, outFile, out);
        return ((Number) result.get("missing")).longValue() == 0 ? 0 : 1;
    }

    private static int faults(Faults args, PrintStream out, PrintStream err, String usage) throws Exception {
        FaultsOptions d = FaultsOptions.defaults();
        Duration duration = Duration.ofSeconds(positive("--duration-seconds", args.durationSeconds,
                d.duration().toSeconds()));
        int rate = (int) Math.min(positive("--rate", args.rate, d.rate()), Integer.MAX_VALUE);
        int devices = (int) Math.min(positive("--devices", args.devices, d.devices()), Integer.MAX_VALUE);
        int poison = (int) Math.min(number("--poison", args.poison, d.poison()), Integer.MAX_VALUE);
        Duration freeze = Duration.ofSeconds(number("--freeze-seconds", args.freezeSeconds, d.freeze().toSeconds()));
        FaultsOptions options;
        try {
            options = new FaultsOptions(duration, rate, devices, poison, freeze,
                    args.groupProtocol == null ? d.groupProtocol() : args.groupProtocol);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + usage);
            return 2;
        }
        Path outFile = outFile(args.out, "faults.json");
        Path workDir = outFile.toAbsolutePath().getParent().resolve("faults");
        Map<String, Object> result = new FaultsBenchmark(options, out, workDir).run();
        write(result, outFile, out);
        boolean passed = FaultsBenchmark.passed(result);
        out.println(passed ? "faults: every goal met" : "faults: a goal was missed (see the figures above)");
        return passed ? 0 : 1;
    }

    private static int sandbox(Sandbox args, PrintStream out, PrintStream err, String usage) throws Exception {
        SandboxBenchmark.Options d = SandboxBenchmark.Options.defaults();
        SandboxBenchmark.Options o = new SandboxBenchmark.Options(positive("--merges", args.merges, d.merges()),
                (int) positive("--things", args.things, d.things()),
                (int) positive("--sessions", args.sessions, d.sessions()),
                (int) positive("--in-flight", args.inFlight, d.inFlight()));
        if (o.sessions() > o.things()) {
            err.println("--sessions must not exceed --things\n" + usage);
            return 2;
        }
        return write(new SandboxBenchmark(o, out).run(), outFile(args.out, "sandbox.json"), out);
    }

    private static Path outFile(String value, String fallback) {
        return value != null ? Path.of(value) : Path.of("target", "bench", fallback);
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

    private static long positive(String flag, String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        long v = number(flag, value, fallback);
        if (v <= 0) {
            throw new NumberFormatException(flag + " must be positive, was " + value);
        }
        return v;
    }

    private static long number(String flag, String value, long fallback) {
        if (value == null) {
            return fallback;
        }
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
