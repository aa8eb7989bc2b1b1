package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.kafka.InFlightLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings of the ingest flow, taken from the gateway config.
 *
 * @param consumerProperties Kafka client properties (bootstrap servers, security) for consumer and producer
 * @param groupId            the consumer group; gateway instances in one group share the partitions
 * @param topicPrefix        {@code <prefix>.telemetry.<tenant>}
 * @param coalesceWindow     how long the first update of an idle thing waits for more; 0 = send at once
 * @param limits             bounds on unfinished records
 * @param commitInterval     how often finished offsets are committed
 * @param drainTimeout       how long revoke and stop wait for unfinished records
 * @param retryInitial       first backoff after a transient failure
 * @param retryMax           longest backoff
 * @param modelBaseUrl       base URL of the served Thing Models, for the {@code definition} of new things
 * @param egressAckPrefix    when present, merges also request the egress label {@code <prefix>-<tenant>}, so that a
 *                           record counts as done only once its change is on the twin-events topic
 * @param maxWritesInFlight  the largest write window W (merges in flight to Ditto); W adapts below it
 */
public record IngestSettings(Properties consumerProperties, String groupId, String topicPrefix, Duration coalesceWindow,
        InFlightLimits limits, Duration commitInterval, Duration drainTimeout, Duration retryInitial,
        Duration retryMax, String modelBaseUrl, Optional<String> egressAckPrefix, int maxWritesInFlight) {
    /** The default largest write window (ingest.max-writes-in-flight). */
    public static final int DEFAULT_MAX_WRITES_IN_FLIGHT = 1_000;

    /** With the default largest write window. */
    public IngestSettings(Properties consumerProperties, String groupId, String topicPrefix, Duration coalesceWindow,
            InFlightLimits limits, Duration commitInterval, Duration drainTimeout, Duration retryInitial,
            Duration retryMax, String modelBaseUrl, Optional<String> egressAckPrefix) {
        this(consumerProperties, groupId, topicPrefix, coalesceWindow, limits, commitInterval, drainTimeout,
                retryInitial, retryMax, modelBaseUrl, egressAckPrefix, DEFAULT_MAX_WRITES_IN_FLIGHT);
    }

    /** Without egress acknowledgements. */
    public IngestSettings(Properties consumerProperties, String groupId, String topicPrefix, Duration coalesceWindow,
            InFlightLimits limits, Duration commitInterval, Duration drainTimeout, Duration retryInitial,
            Duration retryMax, String modelBaseUrl) {
        this(consumerProperties, groupId, topicPrefix, coalesceWindow, limits, commitInterval, drainTimeout,
                retryInitial, retryMax, modelBaseUrl, Optional.empty());
    }

    public IngestSettings {
        Objects.requireNonNull(consumerProperties, "consumerProperties");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(coalesceWindow, "coalesceWindow");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(modelBaseUrl, "modelBaseUrl");
        Objects.requireNonNull(egressAckPrefix, "egressAckPrefix");
        if (maxWritesInFlight < 4) {
            throw new IllegalArgumentException("maxWritesInFlight must be at least 4: " + maxWritesInFlight);
        }
    }
}
