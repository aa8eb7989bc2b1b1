package io.twinbridge.gateway.dlq;

import java.time.Duration;

/**
 * What one replay did with each record of the dead-letter topic's range.
 *
 * @param scanned         records read
 * @param replayed        written back to the telemetry topic by this run
 * @param alreadyReplayed skipped: the ledger says an earlier run replayed them
 * @param filteredOut     skipped: not matching {@code --code} / {@code --since}
 * @param invalid         skipped: not dead letters (no source headers)
 * @param otherTopic      skipped: their source topic is not the tenant's telemetry topic
 */
public record ReplayReport(long scanned, long replayed, long alreadyReplayed, long filteredOut, long invalid,
                           long otherTopic, Duration took) {
}
