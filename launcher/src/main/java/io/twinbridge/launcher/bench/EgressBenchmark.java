package io.twinbridge.launcher.bench;

import static io.twinbridge.launcher.bench.IngestBenchmark.deleteRecursively;
import static io.twinbridge.launcher.bench.IngestBenchmark.round3;
import static io.twinbridge.launcher.bench.IngestBenchmark.seconds;
import static io.twinbridge.launcher.bench.IngestBenchmark.waitFor;

import io.twinbridge.gateway.metrics.MeterReads;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoClientAdapter;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import io.twinbridge.gateway.mapping.EgressFormat;
import io.twinbridge.gateway.egress.EgressService;
import io.twinbridge.gateway.egress.EgressSettings;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;

/**
 * {@code ./twinbridge bench egress}: in one run, on this machine, against the embedded broker and the sandbox,
 * <ol>
 *   <li>the ceiling: the same merges into the sandbox with nobody subscribed;</li>
 *   <li>the gateway's egress rate: a writer session merges {@code events} changes into the twins as fast as the
 *       sandbox takes them (bounded in flight); the rate counts from the first merge sent until Kafka holds the
 *       last twin-event record;</li>
 *   <li>the raw rate: a bare {@link KafkaProducer}, configured like egress's (idempotent, acks=all), sending the same
 *       number of records of the same average size;</li>
 *   <li>p99 of change-to-topic latency: the consumer's receive time minus the event's Ditto timestamp;</li>
 *   <li>{@code lost}: merges whose revision is not on the topic;</li>
 *   <li>egress with a source faster than itself: the Ditto events of the same merges, recorded off a subscribed
 *       session, replayed into a fresh egress through {@link ReplayPort} (the same code path from the parsing of the
 *       WebSocket's text on, without the WebSocket); {@code replayRatio} against the bare producer. The raw producer
 *       and the replay run {@code rounds} times, alternately; each round's ratio is of the replay and the raw run
 *       right before it, and the medians are reported: on a shared machine a single short run moves with the
 *       load.</li>
 * </ol>
 */
public final class EgressBenchmark {
    private static final String TENANT = "acme";
    private static final String PREFIX = "bench";
    private static final String TOPIC = PREFIX + ".twin-events." + TENANT;
    private static final int IN_FLIGHT = 256;
    private static final String REPLAY_PREFIX = "replay";
    /** egress.max-buffered-events of the replay run: the default. */
    private static final int REPLAY_BUFFER = 10_000;
    /** Writer sessions: the sandbox serves each WebSocket on one event loop, so one writer would cap the rate. */
    private static final int WRITERS = 4;

    /** Default rounds of raw producer and replay: the median of three moves less with the load than one run. */
    public static final int DEFAULT_ROUNDS = 3;

    private final long events;
    private final int things;
    private final int rounds;
    private final PrintStream out;

    public EgressBenchmark(long events, int things, PrintStream out) {
        this(events, things, DEFAULT_ROUNDS, out);
    }

    public EgressBenchmark(long events, int things, int rounds, PrintStream out) {
        this.events = events;
        this.things = things;
        this.rounds = rounds;
        this.out = out;
    }

    public Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        ModelRegistry models = ModelRegistry.fromClasspath();
        Path dataDir = Files.createTempDirectory("twinbridge-bench-egress");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(0)
                .withDataDir(dataDir).withNumPartitions(4));
             DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(TOPIC, 4, (short) 1)));
                for (int round = 0; round < rounds; round++) {
                    // a topic of its own per round: a new idempotent producer on a topic written just before
                    // was seen to get OUT_OF_ORDER_SEQUENCE_NUMBER answers from the embedded broker
                    topics.add(new NewTopic(rawTopic(round), 4, (short) 1));
                    topics.add(new NewTopic(replayPrefix(round) + ".twin-events." + TENANT, 4, (short) 1));
                }
                admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
            DittoConfig ditto = new DittoConfig(URI.create(sandbox.wsUrl()), URI.create(sandbox.httpUrl()), "ditto",
                    "ditto", Duration.ofSeconds(10), Duration.ofSeconds(30));
            DittoPort writer = new DittoClientAdapter(ditto, "bench-writer");
            writer.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < things; i++) {
                writer.createThing(JsonObject.newBuilder().set("thingId", thingId(i))
                        .set("attributes", JsonObject.newBuilder().set("model", "turbine").set("n", 0).build())
                        .build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            Properties producer = new Properties();
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            EgressService egress = new EgressService(new EgressSettings(producer, PREFIX, EgressFormat.AVRO,
                    Optional.empty(), 100_000), new TenantDirectory(List.of(new TenantSettings(TenantId.of(TENANT),
                    TENANT, CodecKind.AUTO, Optional.empty()))), models, DittoPortFactory.webSocket(ditto), writer);
            TopicReader reader = new TopicReader(kafka, models);
            try {
                // 0. the ceiling: how fast the sandbox takes the same merges with no subscriber at all
                double sandboxRate = events / write(writers(ditto));
                out.printf("sandbox alone (no egress subscribed): %,.0f merges/s%n", sandboxRate);
                result.put("sandboxOnlyEventsPerSec", Math.round(sandboxRate));

                egress.start().get(30, TimeUnit.SECONDS);
                reader.start();

                // 1. egress end to end
                long start = System.nanoTime();
                double writerSeconds = write(writers(ditto));
                waitFor(() -> published(egress) + dropped(egress) >= events,
                        Duration.ofMinutes(30));
                double gatewaySeconds = seconds(System.nanoTime() - start);
                double gatewayRate = events / gatewaySeconds;
                out.printf("egress: %,d changes in %.1f s: %,.0f events/s (the writer sent them at %,.0f/s)%n",
                        events, gatewaySeconds, gatewayRate, events / writerSeconds);

                waitFor(() -> reader.merged() >= events || reader.idleFor(Duration.ofSeconds(10)),
                        Duration.ofMinutes(10));
                long lost = events - reader.merged();
                Percentiles latency = reader.latency();
                out.printf("change to topic: p50 %.0f ms, p99 %.0f ms, max %.0f ms; lost %,d%n", latency.p50(),
                        latency.p99(), latency.max(), lost);

                // 2. and 3., alternately, per round: the raw producer, same count and record size, and a recorded
                // stream of the same changes replayed into the same code path without the WebSocket; each ratio is of
                // a replay and the raw run right before it, so that a load change between them moves it less
                int size = (int) Math.max(1, reader.bytes() / Math.max(1, reader.count()));
                egress.stop(Duration.ofSeconds(10)).get(60, TimeUnit.SECONDS);
                List<String> recorded = record(ditto);
                List<Double> raws = new ArrayList<>();
                List<Double> replays = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    double raw = events / rawProduce(kafka, size, rawTopic(round));
                    double replay = replay(recorded, producer, models, replayPrefix(round));
                    out.printf("round %d: raw producer %,.0f records/s of %d bytes; egress, replayed (%,d recorded "
                            + "Ditto events, no WebSocket): %,.0f events/s; ratio %.3f%n", round + 1, raw, size,
                            recorded.size(), replay, replay / raw);
                    raws.add(raw);
                    replays.add(replay);
                    ratios.add(replay / raw);
                }
                double rawRate = median(raws);
                double replayRate = median(replays);

                result.put("events", events);
                result.put("things", things);
                result.put("recordBytes", size);
                result.put("rawEventsPerSec", Math.round(rawRate));
                result.put("gatewayEventsPerSec", Math.round(gatewayRate));
                result.put("ratio", round3(gatewayRate / rawRate));
                result.put("writerEventsPerSec", Math.round(events / writerSeconds));
                result.put("replayEventsPerSec", Math.round(replayRate));
                result.put("replayRatio", round3(median(ratios)));
                result.put("replayRounds", rounds);
                result.put("rawRoundsPerSec", rounded(raws));
                result.put("replayRoundsPerSec", rounded(replays));
                result.put("replayRatioRounds", ratios.stream().map(IngestBenchmark::round3)
                        .map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")));
                result.put("p50Ms", latency.p50());
                result.put("p99Ms", latency.p99());
                result.put("maxMs", latency.max());
                result.put("dropped", dropped(egress));
                result.put("lost", lost);
                result.put("cores", Runtime.getRuntime().availableProcessors());
            } finally {
                reader.stop();
                egress.stop(Duration.ofSeconds(10)).get(60, TimeUnit.SECONDS);
                writer.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            deleteRecursively(dataDir);
        }
        return result;
    }

    /**
     * Records the Ditto protocol messages of {@code events} merges as a subscribed session receives them (egress is
     * not subscribed meanwhile).
     */
    private List<String> record(DittoConfig ditto) throws Exception {
        List<String> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
        DittoPort recorder = new DittoClientAdapter(ditto, "bench-recorder");
        recorder.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
        recorder.subscribeTwinEvents(List.of(TENANT), new TwinEventListener() {
            @Override
            public void onEvent(TwinEvent event) {
                recorded.add(event.protocolJson());
            }

            @Override
            public void onReconnected() {
                throw new IllegalStateException("the recorder's session reconnected: events were lost");
            }
        }).toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            write(writers(ditto));
            waitFor(() -> recorded.size() >= events, Duration.ofMinutes(10));
        } finally {
            recorder.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        return List.copyOf(recorded);
    }

    /**
     * Hands the recorded messages to a fresh egress through a {@link ReplayPort}, as fast as egress's buffer bound
     * lets them in (a real Ditto would drop past it, or be held back by acknowledgements); counts from the first
     * message until Kafka confirmed the last record.
     */
    private double replay(List<String> recorded, Properties producer, ModelRegistry models, String prefix)
            throws Exception {
        ReplayPort replay = new ReplayPort();
        EgressService egress = new EgressService(new EgressSettings(producer, prefix, EgressFormat.AVRO,
                Optional.empty(), REPLAY_BUFFER), new TenantDirectory(List.of(new TenantSettings(
                TenantId.of(TENANT), TENANT, CodecKind.AUTO, Optional.empty()))), models,
                (name, acks) -> replay, replay);
        try {
            egress.start().get(60, TimeUnit.SECONDS);
            long start = System.nanoTime();
            for (String message : recorded) {
                while (egress.buffered() >= REPLAY_BUFFER - 1) {
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
                replay.replay(message);
            }
            waitFor(() -> published(egress) + dropped(egress)
                    >= recorded.size(), Duration.ofMinutes(30));
            double seconds = seconds(System.nanoTime() - start);
            if (dropped(egress) > 0) {
                throw new IllegalStateException(dropped(egress) + " replayed events dropped; "
                        + "the run is not valid");
            }
            return recorded.size() / seconds;
        } finally {
            egress.stop(Duration.ofSeconds(10)).get(60, TimeUnit.SECONDS);
        }
    }

    private static String thingId(int i) {
        return TENANT + ":bench-" + i;
    }

    private static List<DittoPort> writers(DittoConfig ditto) throws Exception {
        List<DittoPort> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            DittoPort writer = new DittoClientAdapter(ditto, "bench-writer-" + i);
            writer.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
            writers.add(writer);
        }
        return writers;
    }

    /**
     * Merges {@code events} changes, round robin over the things and the writer sessions (one thing always through
     * the same session, so its changes stay in order), at most {@link #IN_FLIGHT} unanswered.
     */
    private double write(List<DittoPort> writers) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        for (long i = 0; i < events; i++) {
            window.acquire();
            JsonObject patch = JsonObject.newBuilder().set("attributes", JsonObject.newBuilder().set("n", i).build())
                    .build();
            int thing = (int) (i % things);
            CompletableFuture<Void> sent = writers.get(thing % writers.size()).mergeThing(ThingId.of(thingId(thing)),
                    JsonPointer.empty(), patch, DittoRequestOptions.defaults()).toCompletableFuture();
            sent.whenComplete((ok, error) -> {
                window.release();
                if (error != null) {
                    failed.incrementAndGet();
                }
            });
        }
        window.acquire(IN_FLIGHT);
        for (DittoPort writer : writers) {
            writer.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " merges failed; the run is not valid");
        }
        return seconds(System.nanoTime() - start);
    }

    private static String rawTopic(int round) {
        return PREFIX + ".raw-" + round;
    }

    private static String replayPrefix(int round) {
        return REPLAY_PREFIX + "-" + round;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> Long.toString(Math.round(v)))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private double rawProduce(EmbeddedKafka kafka, int size, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        byte[] value = new byte[size];
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(topic,
                        thingId((int) (i % things)).getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
            return seconds(System.nanoTime() - start);
        }
    }

    /** Reads the twin-events topic while the run goes on: counts merges, sizes, and change-to-topic latency. */
    private final class TopicReader {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final BinaryMessageDecoder<GenericRecord> decoder;
        private final Set<String> mergedRevisions = new HashSet<>();
        private final List<Long> latencies = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::loop, "bench-egress-reader");
        private volatile long lastRecordNanos = System.nanoTime();
        private long bytes;
        private long count;

        TopicReader(EmbeddedKafka kafka, ModelRegistry models) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            decoder = new BinaryMessageDecoder<>(GenericData.get(),
                    models.avroSchema("twinbridge.twin.TwinChangeEvent").orElseThrow());
        }

        void start() {
            EgressBenchmark.readFromBeginning(consumer, TOPIC);
            thread.start();
        }

        private void loop() {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    try {
                        GenericRecord event = decoder.decode(record.value());
                        synchronized (this) {
                            bytes += record.value().length;
                            count++;
                            if ("MERGED".equals(event.get("action").toString())) {
                                mergedRevisions.add(event.get("thingId") + "@" + event.get("revision"));
                                latencies.add(now - (Long) event.get("timestamp"));
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("undecodable twin event at offset " + record.offset(), e);
                    }
                    lastRecordNanos = System.nanoTime();
                }
            }
            consumer.close();
        }

        synchronized long merged() {
            return mergedRevisions.size();
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized long count() {
            return count;
        }

        boolean idleFor(Duration quiet) {
            return System.nanoTime() - lastRecordNanos > quiet.toNanos();
        }

        synchronized Percentiles latency() {
            long[] samples = latencies.stream().mapToLong(Long::longValue).toArray();
            return Percentiles.of(samples, samples.length);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static long published(EgressService egress) {
        return MeterReads.total(egress.meters(), MetricNames.EGRESS_EVENTS_PUBLISHED);
    }

    private static long dropped(EgressService egress) {
        return MeterReads.total(egress.meters(), MetricNames.EGRESS_EVENTS_DROPPED);
    }

    /** Assigns every partition of {@code topic} to {@code consumer} (no group) and seeks each to its beginning. */
    static void readFromBeginning(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }
}
