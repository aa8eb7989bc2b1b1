package io.twinbridge.launcher;

import io.twinbridge.launcher.bench.BenchCommand;
import java.util.List;

/** {@code ./twinbridge bench}: the ingest and egress benchmarks and the fault suite. */
final class BenchLauncherCommand extends NamedCommand {

    BenchLauncherCommand() {
        super("bench", "measure ingest or egress throughput, latency and loss, or run the fault suite, on this machine "
                + "(bench --help lists the benchmarks)");
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        return BenchCommand.run(args, console.out(), console.err());
    }
}
