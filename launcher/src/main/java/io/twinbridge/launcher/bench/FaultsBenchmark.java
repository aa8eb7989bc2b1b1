package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.Main;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.ingest.IngestFactory;
import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.launcher.GatewayLogging;
import io.twinbridge.sandbox.ditto.SandboxMain;
import io.twinbridge.sandbox.fleet.FaultKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import io.twinbridge.sandbox.kafka.BrokerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;

/**
 * {@code ./twinbridge bench faults}: the broker, the Ditto sandbox and two gateway instances, each a process of its
 * own on 127.0.0.1, under a steady stream of valid records, with faults injected on a fixed schedule (seconds after
 * the gateways have caught up with the stream, every twin created): SIGKILL of gateway 2 at 10 (started again at 25), SIGSTOP of the twin service at 32 for
 * {@code --freeze-seconds}, a poison flood at 52, SIGKILL of the broker at 57 (started again at 64). Afterwards it
 * checks every twin against the newest values produced, the DLQ against exactly the poison records, and the group's
 * commits against the end offsets. Not part of CI; docs/operations.md, "Fault suite".
 */
public final class FaultsBenchmark {
    private static final String TENANT = "acme";
    private static final String PREFIX = "faults";
    private static final String GROUP = "faults-gateway";
    private static final String TELEMETRY = PREFIX + ".telemetry." + TENANT;
    private static final String DLQ = PREFIX + ".dlq." + TENANT;
    private static final int PARTITIONS = 4;
    private static final Duration KILL_GATEWAY = Duration.ofSeconds(10);
    private static final Duration RESTART_GATEWAY = Duration.ofSeconds(25);
    private static final Duration FREEZE_DITTO = Duration.ofSeconds(32);
    private static final Duration POISON = Duration.ofSeconds(52);
    private static final Duration KILL_BROKER = Duration.ofSeconds(57);
    private static final Duration RESTART_BROKER = Duration.ofSeconds(64);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WARM_UP = Duration.ofMinutes(3);
    /** Every device has sent at least one record by then (one sample per device and second at the default rate). */
    private static final Duration MIN_WARM_UP = Duration.ofSeconds(20);

    private final FaultsOptions options;
    private final PrintStream out;
    private final Path workDir;
    private final List<ChildProcess> started = new ArrayList<>();
    private final Map<Long, Boolean> validOffsets = new ConcurrentHashMap<>();
    private final Set<Long> poisonOffsets = ConcurrentHashMap.newKeySet();
    private final AtomicLong sendFailures = new AtomicLong();
    private TwinExpectation expected;
    /** Until the faults begin, records flow for at most the warm-up and the duration. */
    private volatile long produceUntil = System.nanoTime() + WARM_UP.toNanos() + Duration.ofMinutes(10).toNanos();

    public FaultsBenchmark(FaultsOptions options, PrintStream out, Path workDir) {
        this.options = options;
        this.out = out;
        this.workDir = workDir;
    }

    public Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        IngestBenchmark.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        int kafkaPort = freePort();
        int dittoPort = freePort();
        sandboxPort = dittoPort;
        String bootstrap = "127.0.0.1:" + kafkaPort;
        ChildProcess broker = ChildProcess.java("broker", "768m", BrokerMain.class.getName(), List.of(
                "--port", Integer.toString(kafkaPort), "--controller-port", Integer.toString(freePort()),
                "--data-dir", workDir.resolve("kafka-data").toString(), "--partitions",
                Integer.toString(PARTITIONS)), Map.of(), workDir);
        ChildProcess sandbox = ChildProcess.java("sandbox", "768m", SandboxMain.class.getName(),
                List.of("--port", Integer.toString(dittoPort)), Map.of(), workDir);
        List<ChildProcess> gateways = new ArrayList<>();
        List<GatewayWatch> watches = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            int httpPort = freePort();
            // the gateways log as in production (INFO: partition moves, dead letters), not as quietly as the launcher
            List<String> logging = GatewayLogging.gatewayConfiguration()
                    .map(url -> List.of("-Dlog4j2.configurationFile=" + url)).orElse(List.of());
            gateways.add(ChildProcess.java("gateway-" + i, "512m", logging, Main.class.getName(), List.of(),
                    gatewayEnv(bootstrap, dittoPort, httpPort), workDir));
            watches.add(new GatewayWatch("gateway-" + i, httpPort));
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Thread cleanup = new Thread(this::stopAll, "faults-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "5000",
                "default.api.timeout.ms", "10000"))) {
            start(broker);
            waitFor("the broker", Duration.ofMinutes(2), () -> clusterAnswers(admin));
            admin.createTopics(List.of(new NewTopic(TELEMETRY, PARTITIONS, (short) 1), new NewTopic(DLQ, 1,
                    (short) 1))).all().get(60, TimeUnit.SECONDS);
            start(sandbox);
            for (ChildProcess gateway : gateways) {
                start(gateway);
            }
            for (GatewayWatch watch : watches) {
                waitFor(watch.name() + " /ready", Duration.ofMinutes(3), () -> watch.readyStatus() == 200);
            }
            out.printf("up: broker %s, sandbox 127.0.0.1:%d, two gateways (%s protocol); logs in %s%n", bootstrap,
                    dittoPort, options.groupProtocol(), workDir);
            sampler.scheduleAtFixedRate(() -> watches.forEach(GatewayWatch::sample), 0, 250,
                    TimeUnit.MILLISECONDS);

            ModelRegistry models = ModelRegistry.fromClasspath();
            Codecs codecs = IngestFactory.codecs(GatewayConfig.fromEnv(Map.of()), models);
            expected = new TwinExpectation(codecs, TelemetryMappers.compile(models));
            int perKind = Math.max(1, options.devices() / 4);
            FleetOptions fleet = FleetOptions.defaults().withTopicPrefix(PREFIX).withTenants(List.of(TENANT))
                    .withDevicesPerKind(perKind);
            Iterator<SimRecord> valid = new FleetSimulator(fleet).records();
            Iterator<SimRecord> poison = new FleetSimulator(fleet.withSeed(7L).withFaults(1.0, java.util.EnumSet.allOf(FaultKind.class))).records();

            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                long start = System.nanoTime();
                Thread producing = new Thread(() -> produce(producer, valid, start), "faults-producer");
                producing.start();
                // the faults start once the gateways keep up (every twin created, at most 2 s of lag), so that they
                // measure failover, not the first minute's thing creation
                sleepUntil(start + MIN_WARM_UP.toNanos());
                boolean caughtUp = waitUntil(WARM_UP, () -> behind(admin) < 2L * options.rate());
                long t0 = System.nanoTime();
                double warmUpSeconds = (t0 - start) / 1e9;
                out.printf("warm-up: %s after %.1f s; faults start now%n", caughtUp ? "caught up" : "NOT caught up",
                        warmUpSeconds);
                result.put("warmUpSeconds", Math.round(warmUpSeconds * 10) / 10.0);
                result.put("warmUpCaughtUp", caughtUp);
                produceUntil = t0 + options.duration().toNanos();

                at(t0, KILL_GATEWAY);
                Map<TopicPartition, Long> beforeKill = committed(admin);
                gateways.get(1).kill();
                long killedAt = System.nanoTime();
                out.println("SIGKILL gateway-2");
                long assignedMs = waitMillis(killedAt, Duration.ofSeconds(90), () -> oneMemberOwnsAll(admin));
                long failoverMs = waitMillis(killedAt, Duration.ofSeconds(90),
                        () -> allAdvanced(admin, beforeKill));
                out.printf("failover: every partition owned by the survivor %d ms, committed again %d ms after the "
                        + "kill%n", assignedMs, failoverMs);
                result.put("failoverAssignedMs", assignedMs);
                result.put("failoverMs", failoverMs);

                at(t0, RESTART_GATEWAY);
                watches.get(1).newIncarnation();
                gateways.get(1).start();
                out.println("gateway-2 started again");

                at(t0, FREEZE_DITTO);
                sandbox.pause();
                long frozenAt = System.nanoTime();
                out.printf("SIGSTOP sandbox for %d s%n", options.freeze().toSeconds());
                sleepUntil(frozenAt + options.freeze().toNanos());
                sandbox.resume();
                long thawedAt = System.nanoTime();
                out.println("SIGCONT sandbox");

                at(t0, POISON);
                long poisonSent = poisonFlood(producer, poison);
                out.printf("poison flood: %,d bad records%n", poisonSent);

                at(t0, KILL_BROKER);
                broker.kill();
                long brokerKilledAt = System.nanoTime();
                out.println("SIGKILL broker");
                at(t0, RESTART_BROKER);
                broker.start();
                waitFor("the restarted broker", Duration.ofMinutes(2), () -> clusterAnswers(admin));
                long brokerBackMs = (System.nanoTime() - brokerKilledAt) / 1_000_000;
                out.printf("broker answers again %d ms after the kill%n", brokerBackMs);

                producing.join();
                producer.flush();
                long producedValid = validOffsets.size();
                out.printf("produced %,d valid records over %,d devices (%,d sends failed)%n", producedValid,
                        expected.devices(), sendFailures.get());

                long drainStart = System.nanoTime();
                boolean drained = waitUntil(DRAIN_TIMEOUT, () -> behind(admin) == 0);
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                long behind = behind(admin);
                out.printf("commits %s the end offsets %.1f s after the last record (%,d behind)%n",
                        drained ? "reached" : "did NOT reach", drainSeconds, behind);
                sampler.shutdown();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
                watches.forEach(GatewayWatch::sample);

                DlqCheck dlq = readDlq(bootstrap);
                long devicesOff = expected.devicesOff(this::twin);
                long lost = expected.verify(this::twin);
                long endOffsets = endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
                long consumed = watches.stream().mapToLong(GatewayWatch::consumed).sum();
                out.printf("twins: %,d of %,d devices off the newest values (%,d events)%n", devicesOff,
                        expected.devices(), lost);
                out.printf("DLQ: %,d dead letters, %,d of %,d poison records, %,d valid records, %,d duplicates%n",
                        dlq.total(), dlq.poison(), poisonOffsets.size(), dlq.valid(), dlq.duplicates());

                result.put("groupProtocol", options.groupProtocol());
                result.put("durationSeconds", options.duration().toSeconds());
                result.put("ratePerSec", options.rate());
                result.put("validRecords", producedValid);
                result.put("poisonRecords", poisonOffsets.size());
                result.put("devices", expected.devices());
                result.put("sendFailures", sendFailures.get());
                // only instances that were ready when the freeze began: one still starting says nothing about it
                List<GatewayWatch> readyAtFreeze = watches.stream().filter(w -> w.readyBefore(frozenAt)).toList();
                result.put("readyAtFreeze", readyAtFreeze.size());
                result.put("readyDownAfterFreezeMs", readyAtFreeze.stream()
                        .mapToLong(w -> w.firstAfter(frozenAt, 503)).max().orElse(-1));
                result.put("readyUpAfterThawMs", readyAtFreeze.stream()
                        .mapToLong(w -> w.firstAfter(thawedAt, 200)).max().orElse(-1));
                result.put("brokerBackMs", brokerBackMs);
                result.put("drainSeconds", Math.round(drainSeconds * 10) / 10.0);
                result.put("commitsBehindEndOffsets", behind);
                result.put("consumedByGateways", consumed);
                result.put("redeliveredRecords", Math.max(0, consumed - endOffsets));
                result.put("deadLetters", dlq.total());
                result.put("poisonDeadLettered", dlq.poison());
                result.put("poisonMissingFromDlq", poisonOffsets.size() - dlq.poison());
                result.put("validDeadLettered", dlq.valid());
                result.put("dlqDuplicates", dlq.duplicates());
                result.put("twinsOffNewest", devicesOff);
                result.put("lost", lost);
                result.put("cores", Runtime.getRuntime().availableProcessors());
                result.put("loadAverage", loadAverage());
            }
        } finally {
            sampler.shutdownNow();
            stopAll();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        return result;
    }

    /** Whether the run met the goals of issue 13: nothing lost, the DLQ exactly the poison, failover under 15 s. */
    public static boolean passed(Map<String, Object> result) {
        return number(result, "lost") == 0 && number(result, "validDeadLettered") == 0
                && number(result, "poisonMissingFromDlq") == 0 && number(result, "commitsBehindEndOffsets") == 0
                && number(result, "failoverMs") >= 0 && number(result, "failoverMs") < 15_000;
    }

    private static long number(Map<String, Object> result, String key) {
        return ((Number) result.get(key)).longValue();
    }

    private Map<String, String> gatewayEnv(String bootstrap, int dittoPort, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("TWINBRIDGE_KAFKA_TOPIC_PREFIX", PREFIX);
        env.put("TWINBRIDGE_KAFKA_GROUP_ID", GROUP);
        env.put("TWINBRIDGE_KAFKA_GROUP_PROTOCOL", options.groupProtocol());
        env.put("TWINBRIDGE_DITTO_ENDPOINT", "ws://127.0.0.1:" + dittoPort + "/ws/2");
        env.put("TWINBRIDGE_DITTO_HTTP_ENDPOINT", "http://127.0.0.1:" + dittoPort);
        env.put("TWINBRIDGE_HTTP_PORT", Integer.toString(httpPort));
        env.put("TWINBRIDGE_TENANTS", TENANT);
        env.put("TWINBRIDGE_EGRESS_ENABLED", "false");
        env.put("TWINBRIDGE_DASHBOARD_ENABLED", "false");
        return env;
    }

    private void start(ChildProcess process) throws IOException {
        synchronized (started) {
            if (!started.contains(process)) {
                started.add(process);
            }
        }
        process.start();
    }

    private void stopAll() {
        List<ChildProcess> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        // gateways first, so that they do not spend their stop on a broker that is already gone
        java.util.Collections.reverse(all);
        ChildProcess.stopAll(all, out);
    }

    /** Valid records at the configured rate until the duration is over; each one's expectation counts once acked. */
    /** Valid records at the configured rate until {@link #produceUntil}, set once the faults begin. */
    private void produce(KafkaProducer<byte[], byte[]> producer, Iterator<SimRecord> fleet, long t0) {
        for (long i = 0; System.nanoTime() < produceUntil; i++) {
            sleepUntil(t0 + i * 1_000_000_000L / options.rate());
            SimRecord record = fleet.next();
            producer.send(new ProducerRecord<>(record.topic(), record.key().getBytes(StandardCharsets.UTF_8),
                    record.value()), (metadata, failure) -> {
                        if (failure != null) {
                            sendFailures.incrementAndGet();
                            return;
                        }
                        // callbacks of one partition run in log order, so the expectation sees each device's order
                        synchronized (expected) {
                            expected.add(record);
                        }
                        validOffsets.put(key(metadata.partition(), metadata.offset()), Boolean.TRUE);
                    });
        }
    }

    private long poisonFlood(KafkaProducer<byte[], byte[]> producer, Iterator<SimRecord> poison) {
        for (int i = 0; i < options.poison(); i++) {
            SimRecord record = poison.next();
            if (record.fault().isEmpty()) {
                throw new IllegalStateException("the poison simulator produced a valid record");
            }
            producer.send(new ProducerRecord<>(TELEMETRY, record.key().getBytes(StandardCharsets.UTF_8),
                    record.value()), (metadata, failure) -> {
                        if (failure != null) {
                            sendFailures.incrementAndGet();
                        } else {
                            poisonOffsets.add(key(metadata.partition(), metadata.offset()));
                        }
                    });
        }
        return options.poison();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // one request in flight keeps each partition in send order across retries, without idempotence (whose
        // sequence numbers a restarted single broker can refuse for good)
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // the broker is down for seconds: wait for it rather than fail the sends
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private record DlqCheck(long total, long poison, long valid, long duplicates) {
    }

    /** Every dead letter, matched by its source partition and offset against what was produced. */
    private DlqCheck readDlq(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long total = 0;
        Set<Long> seen = new java.util.HashSet<>();
        long valid = 0;
        long poison = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition dlq = new TopicPartition(DLQ, 0);
            consumer.assign(List.of(dlq));
            consumer.seekToBeginning(List.of(dlq));
            long end = consumer.endOffsets(List.of(dlq)).get(dlq);
            while (consumer.position(dlq) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    total++;
                    long source = key(Integer.parseInt(header(r, DeadLetterHeaders.PARTITION)),
                            Long.parseLong(header(r, DeadLetterHeaders.OFFSET)));
                    if (!seen.add(source)) {
                        continue;
                    }
                    if (poisonOffsets.contains(source)) {
                        poison++;
                    } else if (validOffsets.containsKey(source)) {
                        valid++;
                    }
                }
            }
        }
        return new DlqCheck(total, poison, valid, total - seen.size());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new IllegalStateException("dead letter at offset " + record.offset() + " has no " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private int sandboxPort;

    private Optional<JsonObject> twin(String deviceId) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + sandboxPort + "/api/2/things/" + TENANT + ":" + deviceId))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "ditto:ditto".getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(JsonFactory.newObject(answer.body())) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the twin of " + deviceId + " from the sandbox", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading twins", e);
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition(TELEMETRY, p);
                OffsetAndMetadata o = offsets.get(tp);
                committed.put(tp, o == null ? 0L : o.offset());
            }
            return committed;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the group's commits: " + e, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            specs.put(new TopicPartition(TELEMETRY, p), OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp,
                    info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets: " + e, e);
        }
    }

    /** Records between the group's commits and the end offsets; Long.MAX_VALUE while Kafka does not answer. */
    private static long behind(Admin admin) {
        try {
            Map<TopicPartition, Long> committed = committed(admin);
            return endOffsets(admin).entrySet().stream()
                    .mapToLong(e -> e.getValue() - committed.getOrDefault(e.getKey(), 0L)).sum();
        } catch (IllegalStateException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean allAdvanced(Admin admin, Map<TopicPartition, Long> before) {
        try {
            Map<TopicPartition, Long> now = committed(admin);
            return before.entrySet().stream().allMatch(e -> now.get(e.getKey()) > e.getValue());
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Whether the group has one member left and it owns every telemetry partition. */
    private static boolean oneMemberOwnsAll(Admin admin) {
        try {
            var group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                    .get(5, TimeUnit.SECONDS);
            return group.members().size() == 1 && group.members().iterator().next().assignment()
                    .topicPartitions().stream().filter(tp -> tp.topic().equals(TELEMETRY)).count() == PARTITIONS;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean clusterAnswers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static long key(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    private static void at(long t0, Duration when) {
        sleepUntil(t0 + when.toNanos());
    }

    static void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        if (!waitUntil(timeout, condition)) {
            throw new IllegalStateException(what + " not ready within " + timeout.toSeconds() + " s");
        }
    }

    static boolean waitUntil(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleepUntil(System.nanoTime() + 200_000_000L);
        }
        return condition.getAsBoolean();
    }

    /** Milliseconds from {@code fromNanos} until the condition holds, or -1 after the timeout. */
    static long waitMillis(long fromNanos, Duration timeout, BooleanSupplier condition) {
        return waitUntil(timeout, condition) ? (System.nanoTime() - fromNanos) / 1_000_000 : -1;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
