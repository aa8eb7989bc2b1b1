package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.ditto.TwinEvents;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.TestTopics;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Helpers of the egress tests: a gateway over env settings, Ditto's HTTP API, and decoding of the topics. */
final class EgressTestKit {
    static final ModelRegistry MODELS = ModelRegistry.fromClasspath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final BinaryMessageDecoder<GenericRecord> EVENTS = new BinaryMessageDecoder<>(GenericData.get(),
            MODELS.avroSchema(TwinRecords.TWIN_CHANGE_EVENT).orElseThrow());
    private static final BinaryMessageDecoder<GenericRecord> COMMANDS = new BinaryMessageDecoder<>(GenericData.get(),
            MODELS.avroSchema(TwinRecords.DEVICE_COMMAND).orElseThrow());

    private EgressTestKit() {
    }

    /** A twin-event record as a test reads it. */
    record Event(String key, String thingId, String tenant, String action, String path, String value, long revision,
                 boolean resync) {
    }

    /** The flow tests' settings, with no coalescing, so that each record is a merge and an event of its own. */
    static Map<String, String> env(KafkaTestCluster kafka, String prefix, String wsUrl, String httpUrl) {
        return withoutCoalescing(GatewayStack.env(kafka, prefix, wsUrl, httpUrl));
    }

    /** The stack's settings, with no coalescing, as {@link #env(KafkaTestCluster, String, String, String)}. */
    static Map<String, String> env(GatewayStack stack) {
        return withoutCoalescing(stack.env());
    }

    /** The stack's settings for egress alone: ingest is off. */
    static Map<String, String> egressOnlyEnv(GatewayStack stack) {
        Map<String, String> env = env(stack);
        env.put("TWINBRIDGE_INGEST_ENABLED", "false");
        return env;
    }

    private static Map<String, String> withoutCoalescing(Map<String, String> env) {
        env.put("TWINBRIDGE_INGEST_COALESCE_WINDOW", "0ms");
        return env;
    }

    /** Telemetry topics must exist before ingest starts: a pattern subscription sees new topics only minutes later. */
    static void createTelemetryTopics(KafkaTestCluster kafka, String prefix) throws Exception {
        TestTopics.of(kafka).create(Map.of(prefix + ".telemetry.acme", 2, prefix + ".telemetry.globex", 2));
    }

    static Gateway startGateway(Map<String, String> env) throws Exception {
        Gateway gateway = Gateway.start(GatewayConfig.fromEnv(env)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        gateway.egress().orElseThrow().subscribed().get(30, TimeUnit.SECONDS);
        return gateway;
    }

    static int http(String method, String url, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("ditto:ditto".getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String getJson(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("ditto:ditto".getBytes(StandardCharsets.UTF_8))).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void produce(KafkaTestCluster kafka, List<SimRecord> records) {
        TestTopics.of(kafka).produceSimulated(records);
    }

    /** Every record of a topic so far ({@link TestTopics#readToEnd}). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaTestCluster kafka, String topic) {
        return TestTopics.of(kafka).readToEnd(topic);
    }

    static List<Event> events(KafkaTestCluster kafka, String topic) {
        return readAll(kafka, topic).stream().map(EgressTestKit::event).toList();
    }

    static Event event(ConsumerRecord<byte[], byte[]> record) {
        try {
            GenericRecord value = EVENTS.decode(record.value());
            return new Event(new String(record.key(), StandardCharsets.UTF_8), value.get("thingId").toString(),
                    value.get("tenant").toString(), value.get("action").toString(), value.get("path").toString(),
                    value.get("value") == null ? null : value.get("value").toString(), (Long) value.get("revision"),
                    record.headers().lastHeader(TwinEvents.RESYNC_HEADER) != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<GenericRecord> commands(KafkaTestCluster kafka, String topic) {
        return readAll(kafka, topic).stream().map(r -> {
            try {
                return COMMANDS.decode(r.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
