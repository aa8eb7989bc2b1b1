package io.twinbridge.launcher;

import io.twinbridge.gateway.dlq.DeadLetterFilter;
import io.twinbridge.gateway.dlq.DeadLetterReplayer;
import io.twinbridge.gateway.dlq.DlqTopics;
import io.twinbridge.gateway.dlq.ProgressMeter;
import io.twinbridge.gateway.dlq.ReplayListener;
import io.twinbridge.gateway.dlq.ReplayReport;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/** Runs a replay and shows its progress: a bar redrawn in place on a terminal, plain lines in logs and pipes. */
final class DlqReplay {
    private static final int BAR_WIDTH = 30;
    private static final long LINE_EVERY_RECORDS = 10_000;
    private static final Duration LINE_EVERY = Duration.ofSeconds(5);

    private final Properties client;
    private final Console console;
    private final Clock clock;
    private final boolean terminal;

    DlqReplay(Properties client, Console console, Clock clock, boolean terminal) {
        this.client = client;
        this.console = console;
        this.clock = clock;
        this.terminal = terminal;
    }

    int run(DlqTopics topics, DeadLetterFilter filter) {
        console.out().println("replaying " + topics.deadLetter() + " to " + topics.telemetry() + " (ledger "
                + topics.ledger() + ")");
        Progress progress = new Progress();
        ReplayReport report = new DeadLetterReplayer(client, topics, clock).replay(filter, progress);
        if (terminal) {
            console.out().println();
        }
        console.out().println("replayed " + report.replayed() + ", skipped " + report.alreadyReplayed()
                + " already replayed, " + report.filteredOut() + " not matching, " + report.invalid()
                + " without dead-letter headers, " + report.otherTopic() + " from another topic; "
                + report.scanned() + " record(s) read in " + report.took().toMillis() + " ms");
        return ExitCodes.OK;
    }

    private final class Progress implements ReplayListener {
        private ProgressMeter meter;

        @Override
        public void started(long total) {
            meter = new ProgressMeter(total, System::nanoTime, LINE_EVERY_RECORDS, LINE_EVERY);
        }

        @Override
        public void progress(long scanned, long replayed) {
            if (terminal) {
                console.out().print("\r" + meter.bar(scanned, BAR_WIDTH) + "  replayed " + replayed);
                console.out().flush();
            } else if (meter.lineDue(scanned)) {
                console.out().println("replay: " + meter.line(scanned) + ", replayed " + replayed);
            }
        }
    }
}
