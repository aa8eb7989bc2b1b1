package io.twinbridge.gateway.dlq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.codec.JsonSchemas;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.mapping.TwinPatchCoalescer;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.document.TenantTopics;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.gateway.testkit.TestTopics;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's replay story: robot telemetry fails while the gateway lacks the robot model and lands in the DLQ; the model
 * is added (restart with full model folders), the DLQ is replayed, the robot twins hold the values, and a second replay
 * changes nothing.
 */
@Tag("flow")
class DeadLetterReplayFlowTest {
    private static final String PREFIX = "replay";
    private static final TenantId ACME = TenantId.of("acme");

    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix(PREFIX).topics("telemetry", 2, "acme")
            .topics("dlq", 1, "acme");

    @TempDir
    Path temp;

    @Test
    void deadLettersOfAMissingModelAreReplayedOnceTheModelIsThere() throws Exception {
        DittoSandbox sandbox = STACK.sandbox();
        TestTopics k = STACK.topics();
        DlqTopics topics = DlqTopics.of(new TopicNames(PREFIX), ACME, TenantTopics.DERIVED);
        List<SimRecord> records = new FleetSimulator(FleetOptions.defaults().withTopicPrefix(PREFIX)
                .withTenants(List.of("acme")).withDevicesPerKind(2)).stream().limit(80).toList();
        List<SimRecord> robots = records.stream().filter(r -> r.kind() == AssetKind.ROBOT).toList();
        assertTrue(robots.size() >= 10, "the fleet sends robot records: " + robots.size());

        // given a gateway whose model folders lack the robot
        Path builtInModels = classpathFolder("twin-models");
        Path builtInSchemas = classpathFolder("schemas");
        Path models = copy(builtInModels, temp.resolve("models"), p -> !p.startsWith(builtInModels.resolve("robot")));
        Path schemas = copy(builtInSchemas, temp.resolve("schemas"),
                p -> !p.getFileName().toString().equals("RobotTelemetry.avsc"));
        Gateway first = start(models, schemas);
        try {
            k.produceSimulated(records);
            // when its robot records fail, they land in the DLQ with their code, and the others are applied
            await().atMost(Duration.ofSeconds(30)).until(() -> k.endOffsets(topics.deadLetter()) == robots.size());
        } finally {
            STACK.stop(first);
        }
        DeadLetterSummary summary = new DeadLetterInspector(k.clientProperties())
                .inspect(topics.deadLetter(), DeadLetterFilter.ALL, 3);
        assertEquals(Map.of("decode", (long) robots.size()), summary.byStage());
        assertEquals(Map.of("decode.unknown-schema", (long) robots.size()), summary.byCode());
        assertEquals(3, summary.first().size());
        assertTrue(twin(sandbox, "acme:" + robots.get(0).key()).isEmpty(), "no robot twin without its model");
        assertTrue(twin(sandbox, "acme:" + AssetKind.TURBINE.deviceId(1)).isPresent(), "turbines were applied");

        // and the model is added: a gateway with the full folders
        Gateway second = start(builtInModels, builtInSchemas);
        try {
            long telemetryBefore = k.endOffsets(topics.telemetry());
            DeadLetterReplayer replayer = new DeadLetterReplayer(k.clientProperties(), topics, Clock.systemUTC());
            ReplayReport report = replayer.replay(DeadLetterFilter.ALL, ReplayListener.NONE);

            // then replay re-feeds every dead letter, and the robot twins hold the values
            assertEquals(robots.size(), report.replayed(), report.toString());
            assertEquals(0, report.alreadyReplayed() + report.invalid() + report.otherTopic());
            Map<String, TwinPatch> expected = expectedTwins(robots);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> expected.forEach((thingId, patch) ->
                    assertTwinHolds(twin(sandbox, thingId).orElseThrow(() -> new AssertionError(thingId)),
                            patch)));

            // and a second replay, by a new replayer as after a restart of the tool, changes nothing
            long telemetryAfterFirst = k.endOffsets(topics.telemetry());
            assertTrue(telemetryAfterFirst > telemetryBefore);
            ReplayReport again = new DeadLetterReplayer(k.clientProperties(), topics, Clock.systemUTC())
                    .replay(DeadLetterFilter.ALL, ReplayListener.NONE);
            assertEquals(0, again.replayed(), again.toString());
            assertEquals(robots.size(), again.alreadyReplayed());
            assertEquals(telemetryAfterFirst, k.endOffsets(topics.telemetry()));
        } finally {
            STACK.stop(second);
        }
    }

    private static Gateway start(Path models, Path schemas) throws Exception {
        Map<String, String> env = STACK.env();
        env.put("TWINBRIDGE_TENANTS", "acme");
        env.put("TWINBRIDGE_EGRESS_ENABLED", "false");
        env.put("TWINBRIDGE_MODELS_DIRECTORY", models.toString());
        env.put("TWINBRIDGE_MODELS_SCHEMAS_DIRECTORY", schemas.toString());
        return STACK.start(env);
    }

    private static Map<String, TwinPatch> expectedTwins(List<SimRecord> records) {
        ModelRegistry registry = ModelRegistry.fromClasspath();
        List<org.apache.avro.Schema> avro = new ArrayList<>(registry.avroSchemas().values());
        Codecs codecs = Codecs.create(avro, JsonSchemas.forTelemetry(avro, DeadLetterReplayFlowTest.class
                .getClassLoader()), Optional.empty());
        TelemetryMappers mappers = TelemetryMappers.compile(registry);
        return records.stream().collect(Collectors.groupingBy(r -> r.tenant() + ":" + r.key(), Collectors
                .collectingAndThen(Collectors.toList(), list -> TwinPatchCoalescer.mergeAll(list.stream()
                        .map(r -> codecs.forKind(CodecKind.AUTO).decode(r.value()).flatMap(mappers::map).value())
                        .toList()))));
    }

    private static void assertTwinHolds(JsonObject thing, TwinPatch expected) {
        JsonObject want = expected.toMergePatch();
        want.getValue(JsonPointer.of("/features")).orElseThrow().asObject().forEach(feature -> feature.getValue()
                .asObject().getValue("properties").orElseThrow().asObject().forEach(property -> {
                    JsonPointer at = JsonPointer.of("/features/" + feature.getKey() + "/properties/"
                            + property.getKey());
                    assertEquals(Optional.of(property.getValue()), thing.getValue(at), thing.getValue("thingId")
                            + at.toString());
                }));
    }

    private static Optional<JsonObject> twin(DittoSandbox sandbox, String thingId) {
        return sandbox.store().thing(ThingId.of(thingId)).map(t -> t.json());
    }

    private static Path classpathFolder(String name) throws Exception {
        return Path.of(DeadLetterReplayFlowTest.class.getClassLoader().getResource(name).toURI());
    }

    private static Path copy(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(keep).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
