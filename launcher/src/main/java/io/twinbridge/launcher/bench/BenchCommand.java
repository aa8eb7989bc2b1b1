package io.twinbridge.launcher.bench;

import io.twinbridge.launcher.CommandLines;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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

    @Command(name = "egress", description = "Twin changes merged into the sandbox, published by egress.")
    static final class Egress {
        @Mixin
        CommandLines.Help help;
        @Option(names = "--events", paramLabel = "N", description = "Twin changes merged and published "
                + "(default 100000).")
        String events;
        @Option(names = "--things", paramLabel = "N", description = "Twins the changes are spread over (default 1000).")
        String things;
        @Option(names = "--out", paramLabel = "FILE", description = "Result file (default target/bench/egress.json).")
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
        Map<String, String> flags = new LinkedHashMap<>();
        which.matchedOptions().forEach(o -> flags.put(o.longestName(), String.valueOf((Object) o.getValue())));
        String usage = which.commandSpec().commandLine().getUsageMessage().stripTrailing();
        try {
            return switch (which.commandSpec().name()) {
                case "egress" -> egress(flags, out);
                case "faults" -> faults(flags, out, err, usage);
                case "sandbox" -> sandbox(flags, out, err, usage);
                default -> ingest(flags, out);
            };
        } catch (NumberFormatException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int ingest(Map<String, String> flags, PrintStream out) throws Exception {
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
            }
        }
        return write(new IngestBenchmark(o, out).run(), outFile, out);
    }

    private static int egress(Map<String, String> flags, PrintStream out) throws Exception {
        long events = 100_000;
        int things = 1_000;
        Path outFile = Path.of("target", "bench", "egress.json");
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String flag = f.getKey();
            String value = f.getValue();
            switch (flag) {
                case "--events" -> events = positive(flag, value);
                case "--things" -> things = (int) positive(flag, value);
                case "--out" -> outFile = Path.of(value);
            }
        }
        return write(new EgressBenchmark(events, things, out).run(), outFile, out);
    }

    private static int faults(Map<String, String> flags, PrintStream out, PrintStream err, String usage)
            throws Exception {
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
            }
        }
        FaultsOptions options;
        try {
            options = new FaultsOptions(Duration.ofSeconds(duration), (int) Math.min(rate, Integer.MAX_VALUE),
                    (int) Math.min(devices, Integer.MAX_VALUE), (int) Math.min(poison, Integer.MAX_VALUE),
                    Duration.ofSeconds(freeze), protocol);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + usage);
            return 2;
        }
        Path workDir = outFile.toAbsolutePath().getParent().resolve("faults");
        Map<String, Object> result = new FaultsBenchmark(options, out, workDir).run();
        write(result, outFile, out);
        boolean passed = FaultsBenchmark.passed(result);
        out.println(passed ? "faults: every goal met" : "faults: a goal was missed (see the figures above)");
        return passed ? 0 : 1;
    }

    private static int sandbox(Map<String, String> flags, PrintStream out, PrintStream err, String usage)
            throws Exception {
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
            }
        }
        if (o.sessions() > o.things()) {
            err.println("--sessions must not exceed --things\n" + usage);
            return 2;
        }
        return write(new SandboxBenchmark(o, out).run(), outFile, out);
    }

    private static int write(Map<String, Object> result, Path outFile, PrintStream out) throws Exception {
        String json = result.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + render(e.getValue()))
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, json, StandardCharsets.UTF_8);
        out.println("wrote " + outFile);
        out.print(json);
        return ((Number) result.get("lost")).longValue() == 0 ? 0 : 1;
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
