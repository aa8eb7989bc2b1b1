package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoClientAdapter;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ingest.IngestFactory;
import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.ingest.IngestSettings;
import io.twinbridge.gateway.kafka.InFlightLimits;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import io.twinbridge.sandbox.kafka.EmbeddedKafka;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
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
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * {@code ./twinbridge bench ingest}: in one run, on this machine, against the embedded broker and the sandbox,
 * <ol>
 *   <li>the raw rate: a bare {@link KafkaConsumer} reading and Avro-decoding the preloaded records;</li>
 *   <li>the gateway's end-to-end rate: first record consumed until the last offset is committed, twins persisted;</li>
 *   <li>produce-to-persisted latency at a fixed rate;</li>
 *   <li>merges sent per event, and {@code lost}, verified by reading every twin back.</li>
 * </ol>
 */
public final class IngestBenchmark {
    private static final String TENANT = BenchTenant.ID;
    private static final String PREFIX = "bench";
    /** The gateway's default ingest.max-writes-in-flight, also the naive baseline's concurrency. */
    private static final int MAX_WRITES_IN_FLIGHT = IngestSettings.DEFAULT_MAX_WRITES_IN_FLIGHT;
    private static final int PROBE_MERGES = 200;
    private static final int PROBE_CREATES = 100;
    private static final ThingId PROBE = ThingId.of(TENANT + ":bench-probe");
    /** The launcher's main class, by name: the bench package does not depend on the package above it. */
    private static final String LAUNCHER = "io.twinbridge.launcher.Launcher";
    /** Heap of the sandbox's own JVM. */
    private static final String SANDBOX_HEAP = "1g";

    private final IngestBenchmarkOptions options;
    private final PrintStream out;

    public IngestBenchmark(IngestBenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        ModelRegistry models = ModelRegistry.fromClasspath();
        List<Schema> schemas = new ArrayList<>(models.avroSchemas().values());
        TelemetryMappers mappers = TelemetryMappers.compile(models);
        Path dataDir = Files.createTempDirectory("twinbridge-bench-kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(0)
                .withDataDir(dataDir).withNumPartitions(options.partitions()));
                BenchDitto sandbox = options.sandboxProcess() ? BenchDitto.process(SANDBOX_HEAP)
                        : BenchDitto.inProcess()) {
            String topic = PREFIX + ".telemetry." + TENANT;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, options.partitions(), (short) 1),
                        new NewTopic(PREFIX + ".dlq." + TENANT, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            Codecs codecs = IngestFactory.codecs(io.twinbridge.gateway.config.GatewayConfig.fromEnv(Map.of()), models);
            int devicesPerKind = Math.max(1, options.devices() / 4);
            Iterator<SimRecord> fleet = new FleetSimulator(FleetOptions.defaults().withTopicPrefix(PREFIX)
                    .withTenants(List.of(TENANT)).withDevicesPerKind(devicesPerKind)).records();

            // preload
            TwinExpectation expected = new TwinExpectation(codecs, mappers);
            long preloadStart = System.nanoTime();
            long bytes = preload(kafka, fleet, options.events(), expected);
            double preloadSeconds = seconds(System.nanoTime() - preloadStart);
            out.printf("preloaded %,d records (%,d devices, %d partitions, %.1f MB) in %.1f s%n", options.events(),
                    expected.devices(), options.partitions(), bytes / 1e6, preloadSeconds);

            // 1. raw
            double rawSeconds = rawConsume(kafka, topic, options.events(), schemas);
            double rawRate = options.events() / rawSeconds;
            out.printf("raw consume+decode: %,.0f events/s%n", rawRate);

            // 2. gateway end to end
            DittoPort ditto = new DittoClientAdapter(new DittoConfig(URI.create(sandbox.wsUrl()),
                    URI.create(sandbox.httpUrl()), "ditto", "ditto", Duration.ofSeconds(10), Duration.ofSeconds(30)),
                    "bench-ingest");
            ditto.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
            double unloadedMs = unloadedRoundTripMillis(ditto);
            out.printf("unloaded Ditto round trip: %.2f ms (median of %d sequential merges)%n", unloadedMs,
                    PROBE_MERGES);
            // the tenant's policy, as the gateway puts it into Ditto before ingest starts (TenantPolicies): each new
            // twin references it, as in production, instead of getting a policy of its own
            TenantPolicy policy = BenchTenant.policy(PolicyRenderer.allFeatures(models));
            ditto.putPolicy(PolicyId.of(policy.policyId()), policy.json(),
                    io.twinbridge.gateway.ditto.DittoRequestOptions.defaults()).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            IngestService ingest = new IngestService(settings(kafka), tenants(), codecs::forKind, models, ditto);
            boolean stopped = false;
            String timelineFile = System.getProperty("twinbridge.bench.timeline");
            try (IngestTimeline timeline = timelineFile == null ? null
                    : new IngestTimeline(Path.of(timelineFile), ingest)) {
                ingest.start();
                double gatewayRate = options.events() / ingestSeconds(ingest, options.events());
                long merges = ingest.stats().mergesSent();
                double meanRoundTripMs = ingest.stats().meanDittoMillis();
                int peakWindow = ingest.stats().peakWriteWindow();
                out.printf("write window: peak %d, now %d; ready queue %d%n", peakWindow,
                        ingest.stats().writeWindow(), ingest.stats().readyQueueLength());
                out.printf("gateway end to end: %,.0f events/s (%,d merges, %.3f per event, %,d twins created, mean"
                        + " Ditto round trip %.1f ms)%n", gatewayRate, merges, merges / (double) options.events(),
                        ingest.stats().thingsCreated(), ingest.stats().meanDittoMillis());

                long lost = lost(ingest, options.events(), expected, sandbox);
                out.printf("verified %,d twins: %,d events not in a twin or the DLQ%n", expected.devices(), lost);
                // per command: a create carries a whole new twin, and costs Ditto more than the probe's merge
                double meanMergeMs = ingest.stats().meanDittoMillis("merge");
                double meanCreateMs = ingest.stats().meanDittoMillis("create");
                // the probe of step 2 ran in JVMs just started, its code not yet compiled: again, warm
                double warmUnloadedMs = probeMergeMillis(ditto);
                double unloadedCreateMs = unloadedCreateMillis(ditto, sandbox,
                        TENANT + ":" + expected.deviceIds().iterator().next());
                out.printf("round trip by command: merges %.1f ms (%.1fx the unloaded merge, %.1fx the warm unloaded"
                        + " merge: %.2f ms), creates %.1f ms (%.1fx the unloaded create, %.2f ms: median of %d"
                        + " sequential creates of a twin's copy)%n", meanMergeMs, meanMergeMs / unloadedMs,
                        meanMergeMs / warmUnloadedMs, warmUnloadedMs, meanCreateMs, meanCreateMs / unloadedCreateMs,
                        unloadedCreateMs, PROBE_CREATES);

                // 3. the naive baseline on a prefix of the same records, against the same sandbox
                long naiveEvents = Math.min(options.naiveEvents(), options.events());
                double naiveRate = 0;
                if (naiveEvents > 0) {
                    naiveRate = new NaiveBaseline(codecs, mappers, ditto, MAX_WRITES_IN_FLIGHT)
                            .run(kafka.bootstrapServers(), topic, TENANT, naiveEvents);
                    out.printf("naive baseline (one merge per event, %d in flight): %,.0f events/s over %,d events;"
                            + " gateway speedup %.1fx%n", MAX_WRITES_IN_FLIGHT, naiveRate, naiveEvents,
                            gatewayRate / naiveRate);
                }

                // 4. latency at a fixed rate, on the warm gateway
                Percentiles latency = latency(kafka, fleet, ingest);
                out.printf("latency at %,d events/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d samples)%n",
                        options.rate(), latency.p50(), latency.p99(), latency.max(), latency.count());

                result.put("events", options.events());
                result.put("devices", expected.devices());
                result.put("partitions", options.partitions());
                result.put("rawEventsPerSec", Math.round(rawRate));
                result.put("gatewayEventsPerSec", Math.round(gatewayRate));
                result.put("ratio", round3(gatewayRate / rawRate));
                result.put("latencyRatePerSec", options.rate());
                result.put("latencySamples", latency.count());
                result.put("p50Ms", latency.p50());
                result.put("p99Ms", latency.p99());
                result.put("maxMs", latency.max());
                result.put("mergesSent", merges);
                result.put("mergesPerEvent", round3(merges / (double) options.events()));
                // a new twin's create carries its update: the writes Ditto took are the merges and the creates
                result.put("thingsCreated", ingest.stats().thingsCreated());
                result.put("writesPerEvent", round3((merges + ingest.stats().thingsCreated())
                        / (double) options.events()));
                result.put("meanDittoRoundTripMs", round3(meanRoundTripMs));
                result.put("unloadedDittoRoundTripMs", round3(unloadedMs));
                result.put("meanMergeRoundTripMs", round3(meanMergeMs));
                result.put("meanCreateRoundTripMs", round3(meanCreateMs));
                result.put("unloadedCreateRoundTripMs", round3(unloadedCreateMs));
                result.put("warmUnloadedDittoRoundTripMs", round3(warmUnloadedMs));
                result.put("peakWindow", peakWindow);
                result.put("naiveEvents", naiveEvents);
                result.put("naiveEventsPerSec", Math.round(naiveRate));
                result.put("speedupVsNaive", naiveRate == 0 ? 0 : round3(gatewayRate / naiveRate));
                result.put("dlq", ingest.stats().deadLettered());
                result.put("lost", lost);
                result.put("cores", Runtime.getRuntime().availableProcessors());

                // 5. steady state: every twin exists now, as in a running fleet
                // read once the gateway stopped: its last records are committed on the way out (commitSync), and
                // read before, the next phase's target fell short of them and ended before its own last records
                ingest.stop().get(60, TimeUnit.SECONDS);
                stopped = true;
                long committedBefore = committed(ingest);
                if (options.warmEvents() > 0) {
                    Map<String, Object> warm = steadyState(kafka, fleet, expected, codecs, models, ditto, sandbox,
                            rawRate, naiveRate, committedBefore);
                    result.putAll(warm);
                    result.put("lost", lost + (long) warm.get("warmLost"));
                }
            } finally {
                if (!stopped) {
                    ingest.stop().get(60, TimeUnit.SECONDS);
                }
                ditto.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            deleteRecursively(dataDir);
        }
        // 7. the sandbox alone, as `bench sandbox` measures it: a fresh sandbox in a JVM of its own, once the broker,
        // the gateway and the ingest's sandbox are closed (in the benchmark's JVM, after a million events at its
        // heap, the same measurement gave about half of what `bench sandbox` gives alone)
        result.put("sandboxMergesPerSec", sandboxAlone());
        return result;
    }

    /**
     * {@code ./twinbridge bench sandbox} with its defaults (200,000 merges after 20,000 to warm up) as a child JVM; its
     * merges per second. With 50,000 merges the same command gave less than half (4,694 against 10,433 merges/s, one
     * run each, back to back): the sandbox's JIT was still warming up.
     */
    private long sandboxAlone() throws Exception {
        Path dir = Files.createTempDirectory("twinbridge-bench-sandbox-alone");
        Path json = dir.resolve("sandbox.json");
        // the JVM's own collector, as `./twinbridge bench sandbox` runs it: with the serial collector at 1 GB the 200,000
        // merges took 31.7 s in one run (6,301 merges/s), where `bench sandbox` alone took 19.2 s (10,433 merges/s)
        ChildProcess child = ChildProcess.javaWithFlags("sandbox-alone", "4g", List.of(), LAUNCHER,
                List.of("bench", "sandbox", "--out", json.toString()),
                Map.of(), dir);
        child.start();
        int exit = child.awaitExit(Duration.ofMinutes(10));
        Matcher rate = Pattern.compile("\"sandboxMergesPerSec\": (\\d+)")
                .matcher(Files.exists(json) ? Files.readString(json) : "");
        if (exit != 0 || !rate.find()) {
            throw new IllegalStateException("bench sandbox ended with " + exit + " and no figure; see "
                    + child.log());
        }
        Files.readAllLines(child.log()).stream().filter(line -> line.startsWith("sandbox:")).forEach(out::println);
        deleteRecursively(dir);
        return Long.parseLong(rate.group(1));
    }

    /**
     * A new gateway in the same consumer group ingests {@code warmEvents} more records, preloaded while no gateway ran,
     * once every twin exists: what a running fleet sees, without the first pass's 404 and create per device.
     */
    private Map<String, Object> steadyState(EmbeddedKafka kafka, Iterator<SimRecord> fleet, TwinExpectation expected,
                                            Codecs codecs, ModelRegistry models, DittoPort ditto, BenchDitto sandbox,
                                            double rawRate, double naiveRate, long committedBefore)
            throws Exception {
        long count = options.warmEvents();
        preload(kafka, fleet, count, expected);
        IngestService ingest = new IngestService(settings(kafka), tenants(), codecs::forKind, models, ditto);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            ingest.start();
            double rate = count / ingestSeconds(ingest, committedBefore + count);
            long merges = ingest.stats().mergesSent();
            long lost = lost(ingest, count, expected, sandbox);
            out.printf("steady state (every twin exists): %,.0f events/s over %,d events, ratio %.3f (%,d merges,"
                    + " %.3f per event, mean Ditto round trip %.1f ms, peak window %d); %,d events not in a twin or"
                    + " the DLQ%n", rate, count, rate / rawRate, merges, merges / (double) count,
                    ingest.stats().meanDittoMillis(), ingest.stats().peakWriteWindow(), lost);
            result.put("warmEvents", count);
            result.put("warmGatewayEventsPerSec", Math.round(rate));
            result.put("warmRatio", round3(rate / rawRate));
            // the naive baseline runs with every twin existing and on JVMs warmed by the first phase, as this phase
            // does; speedupVsNaive compares it with the first phase, whose creates and JIT warm-up it does not pay
            result.put("warmSpeedupVsNaive", naiveRate == 0 ? 0 : round3(rate / naiveRate));
            if (naiveRate > 0) {
                out.printf("steady state against the naive baseline (both with every twin existing): %.1fx%n",
                        rate / naiveRate);
            }
            result.put("warmMergesPerEvent", round3(merges / (double) count));
            result.put("warmMeanDittoRoundTripMs", round3(ingest.stats().meanDittoMillis()));
            result.put("warmPeakWindow", ingest.stats().peakWriteWindow());
            result.put("warmLost", lost);
        } finally {
            ingest.stop().get(60, TimeUnit.SECONDS);
        }
        return result;
    }

    /** From the first record the started {@code ingest} consumed until its commits sum to {@code committed}. */
    private static double ingestSeconds(IngestService ingest, long committed) {
        long firstConsumed = waitFor(() -> ingest.consumerCounts().consumed() > 0, Duration.ofMinutes(5));
        waitFor(() -> committed(ingest) >= committed, Duration.ofMinutes(30));
        return seconds(System.nanoTime() - firstConsumed);
    }

    /**
     * Of the {@code events} this {@code ingest} took, those that reached neither a twin nor the DLQ: the larger of
     * the ones it did not finish and the ones whose newest value is not in its twin (every twin read back).
     */
    private static long lost(IngestService ingest, long events, TwinExpectation expected, BenchDitto sandbox) {
        long reached = ingest.stats().applied() + ingest.stats().staleRecords() + ingest.stats().deadLettered();
        long mismatchedEvents = expected.verify(device -> sandbox.thing(TENANT + ":" + device));
        return Math.max(events - reached, mismatchedEvents);
    }

    private IngestSettings settings(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new IngestSettings(props, "bench-gateway", PREFIX, options.coalesceWindow(),
                new InFlightLimits(1_000_000, 100_000, 64L << 20), Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofMillis(50), Duration.ofSeconds(2), "http://127.0.0.1:8088", Optional.empty(),
                MAX_WRITES_IN_FLIGHT);
    }

    /**
     * The median round trip of sequential creates, each a copy of a twin the gateway created (its definition,
     * attributes, features and the tenant's policy) under a new id, while nothing else runs: an unloaded create,
     * to which the creates of the cold start compare as the merges compare to {@link #unloadedRoundTripMillis}.
     */
    private static double unloadedCreateMillis(DittoPort ditto, BenchDitto sandbox, String twinId) throws Exception {
        JsonObject twin = sandbox.thing(twinId).orElseThrow(() -> new IllegalStateException(twinId + " is missing"));
        double[] millis = new double[PROBE_CREATES];
        for (int i = 0; i < PROBE_CREATES; i++) {
            JsonObject copy = twin.setValue("thingId", TENANT + ":bench-probe-create-" + i);
            long started = System.nanoTime();
            ditto.createThing(copy).toCompletableFuture().get(30, TimeUnit.SECONDS);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return median(millis);
    }

    /** The median round trip of sequential merges into one probe thing, before any load: Ditto unloaded. */
    private static double unloadedRoundTripMillis(DittoPort ditto) throws Exception {
        ditto.createThing(JsonObject.newBuilder().set("thingId", PROBE.toString()).build())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        return probeMergeMillis(ditto);
    }

    /** The median round trip of {@value #PROBE_MERGES} sequential merges into the probe thing. */
    private static double probeMergeMillis(DittoPort ditto) throws Exception {
        double[] millis = new double[PROBE_MERGES];
        for (int i = 0; i < PROBE_MERGES; i++) {
            long started = System.nanoTime();
            ditto.mergeThing(PROBE, JsonPointer.of("/attributes/probe"), JsonValue.of(i),
                    io.twinbridge.gateway.ditto.DittoRequestOptions.defaults()).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return median(millis);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static TenantDirectory tenants() {
        return new TenantDirectory(List.of(new TenantSettings(TenantId.of(TENANT), TENANT, CodecKind.AUTO,
                Optional.of(BenchTenant.spec().policyId()))));
    }

    private static long committed(IngestService ingest) {
        return ingest.consumerStats().committedOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    private long preload(EmbeddedKafka kafka, Iterator<SimRecord> fleet, long count, TwinExpectation expected) {
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            for (long i = 0; i < count; i++) {
                SimRecord r = fleet.next();
                expected.add(r);
                bytes += r.value().length;
                producer.send(new ProducerRecord<>(r.topic(), r.key().getBytes(StandardCharsets.UTF_8), r.value()));
            }
            producer.flush();
        }
        return bytes;
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A bare consumer reading every record and decoding it with Avro, as a reference for the gateway's rate. */
    /**
     * A consumer of its own group, subscribed to {@code topic} from its first record, that commits nothing: how the
     * baselines read what the gateway reads.
     */
    static KafkaConsumer<byte[], byte[]> fromBeginning(String bootstrapServers, String group, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static double rawConsume(EmbeddedKafka kafka, String topic, long count, List<Schema> schemas) {
        RawDecoder decoder = new RawDecoder(schemas);
        long decoded = 0;
        long checksum = 0;
        long start = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(kafka.bootstrapServers(), "bench-raw", topic)) {
            while (decoded < count) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    checksum += decoder.decode(r.value());
                    decoded++;
                }
            }
        }
        if (checksum == 42) {
            // keeps the decode from being optimised away; practically never true
            System.err.print("");
        }
        return seconds(System.nanoTime() - start);
    }

    private Percentiles latency(EmbeddedKafka kafka, Iterator<SimRecord> fleet, IngestService ingest) {
        int total = options.rate() * options.latencySeconds();
        long[] samples = new long[total];
        long[] appliedAt = new long[total];
        AtomicInteger n = new AtomicInteger();
        long phaseStart = System.currentTimeMillis();
        ingest.stats().onApplied(ts -> {
            int i = n.getAndIncrement();
            if (i < samples.length) {
                long now = System.currentTimeMillis();
                samples[i] = now - ts;
                appliedAt[i] = now - phaseStart;
            }
        });
        long intervalNanos = 1_000_000_000L / options.rate();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                SimRecord r = fleet.next();
                producer.send(new ProducerRecord<>(r.topic(), null, System.currentTimeMillis(),
                        r.key().getBytes(StandardCharsets.UTF_8), r.value()));
                next += intervalNanos;
            }
            producer.flush();
        }
        try {
            waitFor(() -> n.get() >= total, Duration.ofMinutes(2));
        } catch (IllegalStateException e) {
            out.println("latency phase: only " + n.get() + " of " + total + " records were applied in time");
        }
        ingest.stats().onApplied(ts -> { });
        int count = Math.min(n.get(), samples.length);
        writeLatencySamples(appliedAt, samples, count);
        return Percentiles.of(samples, count);
    }

    /**
     * With {@code -Dtwinbridge.bench.latencySamples=FILE}: each sample of the latency phase as a CSV line of when it
     * was applied (ms since the phase began) and its produce-to-persisted latency, to see how the tail moves in time.
     */
    private void writeLatencySamples(long[] appliedAt, long[] samples, int count) {
        String file = System.getProperty("twinbridge.bench.latencySamples");
        if (file == null) {
            return;
        }
        StringBuilder csv = new StringBuilder("appliedAtMs,latencyMs\n");
        for (int i = 0; i < count; i++) {
            csv.append(appliedAt[i]).append(',').append(samples[i]).append('\n');
        }
        try {
            Files.writeString(Path.of(file), csv);
        } catch (java.io.IOException e) {
            out.println("could not write the latency samples to " + file + ": " + e);
        }
    }

    /** Polls a condition every few milliseconds; returns the nano time at which it held. Measurement only. */
    static long waitFor(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark phase did not finish within " + timeout);
            }
            LockSupport.parkNanos(2_000_000);
        }
        return System.nanoTime();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
