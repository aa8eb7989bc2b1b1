package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.codec.JsonSchemas;
import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoClientAdapter;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.kafka.InFlightLimits;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.mapping.TwinPatchCoalescer;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.TestTopics;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/** A real broker, a real sandbox, and the gateway's ingest wired as in production, for the ingest flow tests. */
final class IngestHarness {
    final String prefix;
    private final String bootstrapServers;
    private final TestTopics topics;
    final ModelRegistry models = ModelRegistry.fromClasspath();
    final Codecs codecs;
    final TelemetryMappers mappers = TelemetryMappers.compile(models);
    final TenantDirectory tenants = new TenantDirectory(List.of(
            new TenantSettings(TenantId.of("acme"), "acme", CodecKind.AUTO, Optional.empty()),
            new TenantSettings(TenantId.of("globex"), "globex", CodecKind.AUTO, Optional.empty())));

    IngestHarness(KafkaTestCluster kafka, String prefix) {
        this(kafka.bootstrapServers(), prefix);
    }

    IngestHarness(String bootstrapServers, String prefix) {
        this.prefix = prefix;
        this.bootstrapServers = bootstrapServers;
        this.topics = new TestTopics(bootstrapServers);
        List<org.apache.avro.Schema> schemas = new ArrayList<>(models.avroSchemas().values());
        this.codecs = Codecs.create(schemas, JsonSchemas.forTelemetry(schemas, getClass().getClassLoader()),
                Optional.empty());
    }

    DittoPort dittoPort(DittoSandbox sandbox, String session) {
        return dittoPort(sandbox, session, Duration.ofSeconds(10));
    }

    DittoPort dittoPort(DittoSandbox sandbox, String session, Duration requestTimeout) {
        DittoConfig config = new DittoConfig(URI.create(sandbox.wsUrl()), URI.create(sandbox.httpUrl()), "ditto",
                "ditto", Duration.ofSeconds(10), requestTimeout);
        DittoPort port = new DittoClientAdapter(config, session);
        port.connect().toCompletableFuture().join();
        return port;
    }

    IngestSettings settings(String group, Duration window) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new IngestSettings(props, group, prefix, window, new InFlightLimits(200, 2_000, 1 << 24),
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(500),
                "http://127.0.0.1:8088");
    }

    IngestService ingest(String group, DittoPort ditto) {
        return ingest(group, ditto, tenants);
    }

    IngestService ingest(String group, DittoPort ditto, TenantDirectory directory) {
        IngestService service = new IngestService(settings(group, Duration.ofMillis(5)), directory, codecs::forKind,
                models, ditto);
        service.start();
        return service;
    }

    void createTopics(String... tenantIds) throws Exception {
        Map<String, Integer> created = new java.util.LinkedHashMap<>();
        for (String t : tenantIds) {
            created.put(prefix + ".telemetry." + t, 4);
            created.put(prefix + ".dlq." + t, 1);
        }
        topics.create(created);
    }

    /** The fleet simulator's first {@code count} records. */
    static List<SimRecord> simulate(FleetOptions options, int count) {
        return new FleetSimulator(options).stream().limit(count).toList();
    }

    void produce(List<SimRecord> records) {
        topics.produceSimulated(records);
    }

    /** Per thing id, the newest value of every property among the good records (what the twin must end at). */
    Map<String, TwinPatch> expectedTwins(List<SimRecord> records) {
        Map<String, List<TwinPatch>> byThing = new HashMap<>();
        for (SimRecord r : records) {
            if (r.fault().isPresent()) {
                continue;
            }
            Result<DecodedEvent> decoded = codecs.forKind(CodecKind.AUTO).decode(r.value());
            Result<TwinPatch> patch = decoded.flatMap(mappers::map);
            assertTrue(patch.isOk(), () -> "a good simulated record must map: " + patch);
            byThing.computeIfAbsent(r.tenant() + ":" + r.key(), k -> new ArrayList<>()).add(patch.value());
        }
        Map<String, TwinPatch> expected = new HashMap<>();
        byThing.forEach((thing, patches) -> expected.put(thing, TwinPatchCoalescer.mergeAll(patches)));
        return expected;
    }

    static void assertTwinHolds(JsonObject thing, TwinPatch expected) {
        for (Map.Entry<String, Map<String, TimedValue>> feature : expected.features().entrySet()) {
            for (Map.Entry<String, TimedValue> property : feature.getValue().entrySet()) {
                JsonPointer pointer = JsonPointer.of("/features/" + feature.getKey() + "/properties/"
                        + property.getKey());
                JsonValue want = jsonOf(expected, feature.getKey(), property.getKey());
                Optional<JsonValue> have = thing.getValue(pointer);
                assertEquals(Optional.of(want), have, thing.getValue(JsonPointer.of("/thingId")) + pointer
                        .toString());
            }
        }
    }

    private static JsonValue jsonOf(TwinPatch patch, String feature, String property) {
        return patch.toMergePatch().getValue(JsonPointer.of("/features/" + feature + "/properties/" + property))
                .orElseThrow();
    }

    static Optional<JsonObject> twin(DittoSandbox sandbox, String thingId) {
        return sandbox.store().thing(ThingId.of(thingId)).map(t -> t.json());
    }

    long committedTotal(String group) throws Exception {
        return topics.committed(group);
    }

    long endOffsetsTotal(String topic) throws Exception {
        return topics.endOffsets(topic);
    }

    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        return topics.readUpTo(topic, expected, timeout);
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? null
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static JsonObject json(String s) {
        return JsonFactory.newObject(s);
    }
}
