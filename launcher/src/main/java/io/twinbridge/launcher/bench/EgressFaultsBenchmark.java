package io.twinbridge.launcher.bench;

import static io.twinbridge.launcher.bench.FaultsBenchmark.freePort;
import static io.twinbridge.launcher.bench.FaultsBenchmark.loadAverage;
import static io.twinbridge.launcher.bench.FaultsBenchmark.sleepUntil;
import static io.twinbridge.launcher.bench.FaultsBenchmark.waitFor;
import static io.twinbridge.launcher.bench.FaultsBenchmark.waitMillis;
import static io.twinbridge.launcher.bench.FaultsBenchmark.waitUntil;

import io.twinbridge.gateway.Main;
import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoClientAdapter;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.TwinEvents;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.launcher.GatewayLogging;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.ditto.SandboxStore;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;

/**
 * {@code ./twinbridge bench egress --failover} and {@code ./twinbridge bench egress --downtime-seconds N} (issue 15):
 * egress across the death of a gateway. The gateways are processes of their own on 127.0.0.1, started and killed
 * with {@link ChildProcess} as {@code bench faults} does; the broker and the Ditto sandbox run in this process, so
 * that the sandbox's store tells each thing's true revision.
 * <ul>
 *   <li><b>failover</b>: two gateways run egress for tenant {@code acme} while twins change at a steady rate; the
 *       active one is sent SIGKILL; the standby takes over. Reported: the takeover time (SIGKILL until the survivor
 *       published its first record), every {@code thingId@revision} made from the kill on that is neither on the
 *       twin-events topic nor covered by a later resync record of its thing ({@code missing}), duplicates.</li>
 *   <li><b>downtime</b>: one gateway runs egress; it is sent SIGKILL; for N seconds twins change, some are deleted and
 *       some created; it is started again. Reported: the time from the restart until every thing's newest revision,
 *       every deletion and every new thing is on the topic, and what is missing after the bound.</li>
 * </ul>
 */
public final class EgressFaultsBenchmark {
    /** What the run does to the gateways. */
    public enum Mode { FAILOVER, DOWNTIME }

    /**
     * @param things         twins that change
     * @param rate           changes per second (merges of one attribute, round robin over the things)
     * @param downtime       downtime mode: how long the gateway stays down
     * @param sessionTimeout the gateways' {@code egress.failover-timeout}: the election group's session timeout
     * @param afterKill      failover mode: how long twins go on changing once the survivor took over
     */
    public record Options(Mode mode, int things, int rate, Duration downtime, Duration sessionTimeout,
                          Duration afterKill) {
        public static Options failover() {
            return new Options(Mode.FAILOVER, 200, 200, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(10));
        }

        public static Options downtime(Duration downtime) {
            return new Options(Mode.DOWNTIME, 1000, 200, downtime, Duration.ofSeconds(10), Duration.ZERO);
        }

        public Options withThings(int n) {
            return new Options(mode, n, rate, downtime, sessionTimeout, afterKill);
        }

        public Options withRate(int n) {
            return new Options(mode, things, n, downtime, sessionTimeout, afterKill);
        }

        public Options withSessionTimeout(Duration d) {
            return new Options(mode, things, rate, downtime, d, afterKill);
        }

        public Options withAfterKill(Duration d) {
            return new Options(mode, things, rate, downtime, sessionTimeout, d);
        }
    }

    private static final String TENANT = "acme";
    private static final String PREFIX = "egfaults";
    private static final String TOPIC = PREFIX + ".twin-events." + TENANT;
    private static final String EVENTS_PUBLISHED = "twinbridge_egress_events_published_total";
    private static final String RESYNCS_PUBLISHED = "twinbridge_egress_resyncs_published_total";
    /** Deleted, and created, during the downtime. */
    private static final int DELETED = 20;
    /** Downtime mode deletes {@link #DELETED} things and changes the rest. */
    static final int MIN_THINGS = 2 * DELETED;
    private static final int CREATED = 5;
    private static final Duration START_BOUND = Duration.ofMinutes(3);
    /** How long the topic may take to hold every change once the changes stop (failover) or the gateway is back. */
    private static final Duration CATCH_UP_BOUND = Duration.ofMinutes(3);
    private static final int IN_FLIGHT = 64;

    private final Options options;
    private final PrintStream out;
    private final Path workDir;
    private final List<ChildProcess> started = new ArrayList<>();

    public EgressFaultsBenchmark(Options options, PrintStream out, Path workDir) {
        this.options = options;
        this.out = out;
        this.workDir = workDir;
    }

    public Map<String, Object> run() throws Exception {
        IngestBenchmark.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        Path dataDir = Files.createTempDirectory("twinbridge-bench-egress-faults");
        Thread cleanup = new Thread(this::stopAll, "egress-faults-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(0)
                .withDataDir(dataDir).withNumPartitions(4));
             DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1),
                        new NewTopic(PREFIX + ".commands." + TENANT, 1, (short) 1),
                        new NewTopic(PREFIX + ".dlq." + TENANT, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            DittoConfig ditto = new DittoConfig(URI.create(sandbox.wsUrl()), URI.create(sandbox.httpUrl()), "ditto",
                    "ditto", Duration.ofSeconds(10), Duration.ofSeconds(30));
            DittoPort writer = new DittoClientAdapter(ditto, "bench-writer");
            writer.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<String> ids = IntStream.range(0, options.things()).mapToObj(EgressFaultsBenchmark::thingId).toList();
            for (String id : ids) {
                create(writer, id);
            }
            TopicRecords topic = new TopicRecords(kafka.bootstrapServers());
            topic.start();
            try {
                Map<String, Object> result = options.mode() == Mode.FAILOVER
                        ? failover(kafka, sandbox, writer, ids, topic) : downtime(kafka, sandbox, writer, ids, topic);
                result.put("loadAverage", loadAverage());
                result.put("cores", Runtime.getRuntime().availableProcessors());
                return result;
            } finally {
                topic.stop();
                stopAll();
                writer.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            IngestBenchmark.deleteRecursively(dataDir);
        }
    }

    /** The figures both modes report first: the mode, the things and the rate of changes. */
    private Map<String, Object> result(String mode) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", mode);
        result.put("things", options.things());
        result.put("changesPerSec", options.rate());
        return result;
    }

    private Map<String, Object> failover(EmbeddedKafka kafka, DittoSandbox sandbox, DittoPort writer,
                                         List<String> ids, TopicRecords topic) throws Exception {
        Map<String, Object> result = result("failover");
        result.put("sessionTimeoutMs", options.sessionTimeout().toMillis());
        Gateway first = gateway(1, kafka, sandbox);
        Gateway second = gateway(2, kafka, sandbox);
        Changer changer = new Changer(writer, ids);
        try {
            first.start();
            waitFor(first.name() + " /ready", START_BOUND, () -> first.watch.readyStatus() == 200);
            changer.start();
            waitFor(first.name() + " active", START_BOUND, () -> first.published() > 0);
            second.start();
            waitFor(second.name() + " /ready", START_BOUND, () -> second.watch.readyStatus() == 200);
            // both healthy for a while: the second stands by, each change is published once
            sleepUntil(System.nanoTime() + Duration.ofSeconds(5).toNanos());
            long standbyPublished = second.published();
            out.printf("up: %s active, %s standing by (published %d); %d changes/s over %d things%n", first.name(),
                    second.name(), standbyPublished, options.rate(), options.things());
            result.put("standbyPublishedBeforeKill", standbyPublished);

            Map<String, Long> atKill = revisions(sandbox.store(), ids);
            long killedAt = System.nanoTime();
            first.process.kill();
            out.printf("SIGKILL %s%n", first.name());
            // sampled every 200 ms from the survivor's /metrics: it published nothing while it stood by
            long takeoverMs = waitMillis(killedAt, Duration.ofSeconds(90), () -> second.published() > 0);
            out.printf("takeover: %s published its first record %d ms after the kill%n", second.name(), takeoverMs);
            result.put("takeoverMs", takeoverMs);
            sleepUntil(System.nanoTime() + options.afterKill().toNanos());
            changer.stop();
            Map<String, Long> last = revisions(sandbox.store(), ids);
            long caughtUpMs = waitMillis(System.nanoTime(), CATCH_UP_BOUND, () -> {
                Map<String, Rec> latest = topic.latest();
                return ids.stream().allMatch(id -> latest.containsKey(id)
                        && latest.get(id).revision() >= last.get(id));
            });

            List<Rec> all = topic.all();
            Map<String, List<Rec>> byThing = all.stream().collect(Collectors.groupingBy(Rec::key));
            List<String> missing = new ArrayList<>();
            long changesAfterKill = 0;
            for (String id : ids) {
                List<Rec> records = byThing.getOrDefault(id, List.of());
                for (long r = atKill.get(id) + 1; r <= last.get(id); r++) {
                    changesAfterKill++;
                    long revision = r;
                    if (records.stream().noneMatch(e -> e.revision() == revision
                            || e.resync() && e.revision() > revision)) {
                        missing.add(id + "@" + r);
                    }
                }
            }
            Map<String, Long> duplicates = duplicates(all);
            long duplicatesAfterKill = duplicates.keySet().stream()
                    .filter(key -> revisionOf(key) > atKill.get(key.substring(0, key.lastIndexOf('@')))).count();
            out.printf("%d changes from the kill on (%d in all): %d missing, %d thingId@revision on the topic more "
                    + "than once (%d of them from the kill on), %d resync records; every change on the topic %d ms "
                    + "after the changes stopped%n", changesAfterKill, changer.sent(), missing.size(),
                    duplicates.size(), duplicatesAfterKill, all.stream().filter(Rec::resync).count(), caughtUpMs);
            result.put("changes", changer.sent());
            result.put("changesAfterKill", changesAfterKill);
            result.put("missing", missing.size());
            result.put("missingSample", String.join(" ", missing.stream().limit(10).toList()));
            result.put("duplicates", duplicates.size());
            result.put("duplicatesAfterKill", duplicatesAfterKill);
            result.put("records", all.size());
            result.put("resyncRecords", all.stream().filter(Rec::resync).count());
            result.put("caughtUpMs", caughtUpMs);
            result.put("failedChanges", changer.failed());
            return result;
        } finally {
            changer.stop();
        }
    }

    private Map<String, Object> downtime(EmbeddedKafka kafka, DittoSandbox sandbox, DittoPort writer,
                                         List<String> ids, TopicRecords topic) throws Exception {
        Map<String, Object> result = result("downtime");
        result.put("downtimeSeconds", options.downtime().toSeconds());
        Gateway gateway = gateway(1, kafka, sandbox);
        gateway.start();
        waitFor(gateway.name() + " /ready", START_BOUND, () -> gateway.watch.readyStatus() == 200);
        // its first sweep publishes every thing (no position yet), and the position follows within a second
        waitFor("every thing on the topic", CATCH_UP_BOUND, () -> topic.latest().keySet().containsAll(ids));
        sleepUntil(System.nanoTime() + Duration.ofSeconds(3).toNanos());
        int before = topic.all().size();

        gateway.process.kill();
        long killedAt = System.nanoTime();
        out.printf("SIGKILL %s; twins change for %d s%n", gateway.name(), options.downtime().toSeconds());
        // the last DELETED things are deleted, the rest change; new things are created half way
        List<String> changing = ids.subList(0, ids.size() - DELETED);
        List<String> deleted = ids.subList(ids.size() - DELETED, ids.size());
        List<String> created = IntStream.range(0, CREATED).mapToObj(i -> thingId(ids.size() + i)).toList();
        Changer changer = new Changer(writer, changing);
        changer.start();
        for (String id : deleted) {
            writer.deleteThing(ThingId.of(id), DittoRequestOptions.defaults()).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        }
        sleepUntil(killedAt + options.downtime().toNanos() / 2);
        for (String id : created) {
            create(writer, id);
        }
        sleepUntil(killedAt + options.downtime().toNanos());
        changer.stop();
        Map<String, Long> last = revisions(sandbox.store(), changing);
        last.putAll(revisions(sandbox.store(), created));
        long changedThings = changing.stream().filter(id -> last.get(id) > topic.latest().get(id).revision()).count();
        out.printf("down %.1f s: %d changes to %d things, %d deleted, %d created; starting %s again%n",
                (System.nanoTime() - killedAt) / 1e9, changer.sent(), changedThings, deleted.size(), created.size(),
                gateway.name());

        long restartedAt = System.nanoTime();
        gateway.watch.newIncarnation();
        gateway.start();
        long readyMs = waitMillis(restartedAt, START_BOUND, () -> gateway.watch.readyStatus() == 200);
        long caughtUpMs = waitMillis(restartedAt, CATCH_UP_BOUND, () -> missing(topic.latest(), last, deleted)
                .isEmpty());
        List<String> missing = missing(topic.latest(), last, deleted);
        List<Rec> after = topic.all().subList(before, topic.all().size());
        Map<String, Long> duplicates = duplicates(topic.all());
        out.printf("after the restart: /ready 200 %d ms and every change on the topic %d ms after the start (bound "
                + "%d s); %d missing; %d records since the kill, %d thingId@revision on the topic more than once%n",
                readyMs, caughtUpMs, CATCH_UP_BOUND.toSeconds(), missing.size(), after.size(), duplicates.size());
        result.put("downtimeMs", (restartedAt - killedAt) / 1_000_000);
        result.put("changesDuringDowntime", changer.sent());
        result.put("thingsChanged", changedThings);
        result.put("thingsDeleted", deleted.size());
        result.put("thingsCreated", created.size());
        result.put("readyMsAfterStart", readyMs);
        result.put("caughtUpMsAfterStart", caughtUpMs);
        result.put("missing", missing.size());
        result.put("missingSample", String.join(" ", missing.stream().limit(10).toList()));
        result.put("recordsAfterKill", after.size());
        result.put("resyncRecordsAfterKill", after.stream().filter(Rec::resync).count());
        result.put("duplicates", duplicates.size());
        result.put("failedChanges", changer.failed());
        return result;
    }

    /** Things whose newest revision, deletion or creation is not the latest record of their key. */
    private static List<String> missing(Map<String, Rec> latest, Map<String, Long> newest, List<String> deleted) {
        List<String> missing = new ArrayList<>();
        newest.forEach((id, revision) -> {
            Rec rec = latest.get(id);
            if (rec == null || rec.revision() < revision) {
                missing.add(id + "@" + revision);
            }
        });
        for (String id : deleted) {
            Rec rec = latest.get(id);
            if (rec == null || !rec.action().equals("DELETED")) {
                missing.add(id + " deletion");
            }
        }
        return missing;
    }

    private static Map<String, Long> duplicates(List<Rec> records) {
        return records.stream().map(e -> e.key() + "@" + e.revision())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long revisionOf(String thingAtRevision) {
        return Long.parseLong(thingAtRevision.substring(thingAtRevision.lastIndexOf('@') + 1));
    }

    private static Map<String, Long> revisions(SandboxStore store, List<String> ids) {
        Map<String, Long> revisions = new HashMap<>();
        for (String id : ids) {
            revisions.put(id, store.thing(ThingId.of(id)).map(SandboxStore.ThingRecord::revision).orElse(0L));
        }
        return revisions;
    }

    private static String thingId(int i) {
        return TENANT + ":ef-" + String.format("%05d", i);
    }

    private static void create(DittoPort writer, String id) throws Exception {
        writer.createThing(JsonObject.newBuilder().set("thingId", id)
                .set("attributes", JsonObject.newBuilder().set("model", "turbine").set("n", 0).build())
                .build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Gateway gateway(int n, EmbeddedKafka kafka, DittoSandbox sandbox) throws IOException {
        int httpPort = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TWINBRIDGE_KAFKA_TOPIC_PREFIX", PREFIX);
        env.put("TWINBRIDGE_KAFKA_GROUP_ID", PREFIX + "-gateway");
        env.put("TWINBRIDGE_DITTO_ENDPOINT", sandbox.wsUrl());
        env.put("TWINBRIDGE_DITTO_HTTP_ENDPOINT", sandbox.httpUrl());
        env.put("TWINBRIDGE_HTTP_PORT", Integer.toString(httpPort));
        env.put("TWINBRIDGE_TENANTS", TENANT);
        env.put("TWINBRIDGE_INGEST_ENABLED", "false");
        env.put("TWINBRIDGE_DASHBOARD_ENABLED", "false");
        env.put("TWINBRIDGE_EGRESS_ENABLED", "true");
        env.put("TWINBRIDGE_EGRESS_FAILOVER_TIMEOUT", options.sessionTimeout().toMillis() + "ms");
        // the gateways log as in production (INFO: elections, resyncs), not as quietly as the launcher
        List<String> logging = GatewayLogging.gatewayConfiguration()
                .map(url -> List.of("-Dlog4j2.configurationFile=" + url)).orElse(List.of());
        String name = "gateway-" + n;
        ChildProcess process = ChildProcess.java(name, "384m", logging, Main.class.getName(), List.of(), env,
                workDir);
        return new Gateway(process, new GatewayWatch(name, httpPort));
    }

    /** A gateway process and the watch of its HTTP endpoints. */
    private final class Gateway {
        final ChildProcess process;
        final GatewayWatch watch;

        Gateway(ChildProcess process, GatewayWatch watch) {
            this.process = process;
            this.watch = watch;
        }

        String name() {
            return process.name();
        }

        void start() throws IOException {
            synchronized (started) {
                if (!started.contains(process)) {
                    started.add(process);
                }
            }
            process.start();
        }

        /** Twin-event and resync records this incarnation published, from its {@code /metrics}; 0 if it does not answer. */
        long published() {
            return watch.counter(EVENTS_PUBLISHED) + watch.counter(RESYNCS_PUBLISHED);
        }
    }

    private void stopAll() {
        List<ChildProcess> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        ChildProcess.stopAll(all, out);
    }

    /** Merges one attribute of the things, round robin, at the configured rate, at most {@link #IN_FLIGHT} unanswered. */
    private final class Changer {
        private final DittoPort writer;
        private final List<String> ids;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final Semaphore window = new Semaphore(IN_FLIGHT);
        private final Thread thread = new Thread(this::loop, "egress-faults-changer");

        Changer(DittoPort writer, List<String> ids) {
            this.writer = writer;
            this.ids = ids;
        }

        void start() {
            thread.start();
        }

        private void loop() {
            long t0 = System.nanoTime();
            for (long i = 0; running.get(); i++) {
                sleepUntil(t0 + i * 1_000_000_000L / options.rate());
                try {
                    window.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                String id = ids.get((int) (i % ids.size()));
                CompletableFuture<Void> merged = writer.mergeThing(ThingId.of(id), JsonPointer.of("/attributes"),
                        JsonObject.newBuilder().set("n", i).build(), DittoRequestOptions.defaults())
                        .toCompletableFuture();
                merged.whenComplete((ok, failure) -> {
                    window.release();
                    (failure == null ? sent : failed).incrementAndGet();
                });
            }
        }

        /** Stops sending and waits for the answers of what was sent. */
        void stop() throws InterruptedException {
            if (!running.getAndSet(false)) {
                return;
            }
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (!window.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("merges unanswered after 60 s");
            }
            window.release(IN_FLIGHT);
        }

        long sent() {
            return sent.get();
        }

        long failed() {
            return failed.get();
        }
    }

    /** One twin-event record as this benchmark reads it. */
    record Rec(String key, String action, long revision, boolean resync) {
    }

    /** Reads the twin-events topic from the beginning while the run goes on. */
    private static final class TopicRecords {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(),
                ModelRegistry.fromClasspath().avroSchema(TwinRecords.TWIN_CHANGE_EVENT).orElseThrow());
        private final List<Rec> records = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::loop, "egress-faults-reader");

        TopicRecords(String bootstrap) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void start() {
            EgressBenchmark.readFromBeginning(consumer, TOPIC);
            thread.start();
        }

        private void loop() {
            try {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        try {
                            GenericRecord event = decoder.decode(record.value());
                            boolean resync = record.headers().lastHeader(TwinEvents.RESYNC_HEADER) != null;
                            Rec rec = new Rec(new String(record.key(), StandardCharsets.UTF_8),
                                    event.get("action").toString(), (Long) event.get("revision"), resync);
                            synchronized (this) {
                                records.add(rec);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException("undecodable twin event at offset " + record.offset(), e);
                        }
                    }
                }
            } finally {
                consumer.close();
            }
        }

        synchronized List<Rec> all() {
            return List.copyOf(records);
        }

        /** The last record of each key (one key stays on one partition, so this is its newest). */
        synchronized Map<String, Rec> latest() {
            Map<String, Rec> latest = new HashMap<>();
            records.forEach(r -> latest.put(r.key(), r));
            return latest;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
