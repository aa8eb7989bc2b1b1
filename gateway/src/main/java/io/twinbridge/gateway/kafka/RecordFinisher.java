package io.twinbridge.gateway.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * Told once per consumed record how it ended, by whoever handles it, from any thread. One instance serves every
 * record, so a record waiting in a coalesced patch holds no callback of its own.
 */
public interface RecordFinisher {

    /** The record is done (applied to its twin, stale, or on the dead-letter topic): its offset may be committed. */
    void finished(TopicPartition partition, long offset);

    /** The record could not be finished (e.g. on shutdown): it stays uncommitted and is redelivered. */
    void abandoned(TopicPartition partition, long offset, Throwable cause);
}
