package io.twinbridge.gateway.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code dlq replay}: writes a tenant's dead letters back to its telemetry topic, once.
 *
 * <p>Each batch of replayed records and their ledger entries is one Kafka transaction, so a dead letter counts as
 * replayed exactly when its record was written: a crash mid-way aborts the open batch, and the next run replays it
 * again. The transactional id is fixed per dead-letter topic, so a second replay of the same tenant fences the first
 * instead of running beside it, and its start aborts whatever a crashed run left open.
 */
public final class DeadLetterReplayer {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Properties clientProperties;
    private final DlqTopics topics;
    private final Clock clock;

    public DeadLetterReplayer(Properties clientProperties, DlqTopics topics, Clock clock) {
        this.clientProperties = clientProperties;
        this.topics = topics;
        this.clock = clock;
    }

    /** The transactional id of the replays of one dead-letter topic. */
    public static String transactionalId(String deadLetterTopic) {
        return "twinbridge-dlq-replay-" + deadLetterTopic;
    }

    /**
     * @throws IllegalStateException when a topic is missing, another replay took over, or Kafka failed; what was
     *                               committed before stays replayed, the rest is replayed by the next run
     */
    public ReplayReport replay(DeadLetterFilter filter, ReplayListener listener) {
        long started = System.nanoTime();
        prepareTopics();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // before reading the ledger: fences an older replay and aborts a transaction a crashed one left open
            producer.initTransactions();
            Set<String> ledger = loadLedger();
            Counts counts = new Counts();
            try (TopicRange range = TopicRange.open(clientProperties, topics.deadLetter())) {
                listener.started(range.size());
                range.forEachBatch(batch -> {
                    replayBatch(producer, batch, filter, ledger, counts);
                    listener.progress(counts.scanned, counts.replayed);
                });
            }
            return new ReplayReport(counts.scanned, counts.replayed, counts.alreadyReplayed, counts.filteredOut,
                    counts.invalid, counts.otherTopic, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void replayBatch(KafkaProducer<byte[], byte[]> producer, List<ConsumerRecord<byte[], byte[]>> batch,
            DeadLetterFilter filter, Set<String> ledger, Counts counts) {
        List<DeadLetter> toReplay = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            counts.scanned++;
            ParsedDeadLetter parsed = DeadLetterParser.parse(new DlqCoordinates(r.topic(), r.partition(), r.offset()),
                    r.timestamp(), r.key(), r.value(), r.headers());
            if (parsed instanceof ParsedDeadLetter.Invalid) {
                counts.invalid++;
                continue;
            }
            DeadLetter letter = ((ParsedDeadLetter.Valid) parsed).deadLetter();
            if (!filter.matches(letter)) {
                counts.filteredOut++;
            } else if (ledger.contains(letter.at().ledgerKey())) {
                counts.alreadyReplayed++;
            } else if (!letter.source().topic().equals(topics.telemetry())) {
                // never write into a topic that is not this tenant's telemetry, whatever a header says
                counts.otherTopic++;
            } else {
                toReplay.add(letter);
            }
        }
        if (toReplay.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            for (DeadLetter letter : toReplay) {
                producer.send(ReplayRecords.replay(letter));
                producer.send(ReplayRecords.ledgerEntry(topics.ledger(), letter, clock.instant()));
            }
            // throws if any send of the transaction failed; then nothing of it is visible to read_committed readers
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw new IllegalStateException("another replay of " + topics.deadLetter() + " started and took over; "
                    + "this one stopped after " + counts.replayed + " record(s)", e);
        } catch (KafkaException e) {
            abortQuietly(producer, e);
            throw new IllegalStateException("replay stopped after " + counts.replayed + " record(s): " + e, e);
        }
        toReplay.forEach(letter -> ledger.add(letter.at().ledgerKey()));
        counts.replayed += toReplay.size();
    }

    private static void abortQuietly(KafkaProducer<byte[], byte[]> producer, KafkaException cause) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // the producer is unusable; the open transaction is aborted by the next run's initTransactions
            cause.addSuppressed(e);
        }
    }

    private Set<String> loadLedger() {
        Set<String> keys = new HashSet<>();
        try (TopicRange range = TopicRange.open(clientProperties, topics.ledger())) {
            range.forEachBatch(batch -> batch.forEach(r -> {
                if (r.key() != null) {
                    keys.add(new String(r.key(), StandardCharsets.UTF_8));
                }
            }));
        }
        return keys;
    }

    /** The telemetry topic must exist (replay never creates it); the ledger is created on first use. */
    private void prepareTopics() {
        try (Admin admin = Admin.create(clientProperties)) {
            admin.describeTopics(List.of(topics.telemetry(), topics.deadLetter())).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            NewTopic ledger = new NewTopic(topics.ledger(), 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(ledger)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot prepare the topics " + topics + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(topics.deadLetter()));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static final class Counts {
        long scanned;
        long replayed;
        long alreadyReplayed;
        long filteredOut;
        long invalid;
        long otherTopic;
    }
}
