package io.twinbridge.gateway.kafka;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** Consumer levels with a partition that lags and is paused, for tests of the meters outside this package. */
public final class IngestConsumerStatsFixture {
    private IngestConsumerStatsFixture() {
    }

    public static IngestConsumerStats lagging(TopicPartition partition, long lag) {
        IngestConsumerStats stats = new IngestConsumerStats();
        stats.lag = Map.of(partition, lag);
        stats.paused = Set.of(partition);
        stats.pausedPartitions = 1;
        stats.assignedPartitions = 1;
        return stats;
    }
}
