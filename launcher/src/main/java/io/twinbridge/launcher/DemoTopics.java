package io.twinbridge.launcher;

import io.twinbridge.sandbox.kafka.TopicLeaders;
import java.time.Duration;

import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates every topic of the demo tenants before anything produces, as an operator would, and waits until each
 * partition has a leader the broker knows ({@link TopicLeaders}). Left to auto-creation, or sent to too early, the
 * first sends of the idempotent producers race the new partitions' leader election, and the embedded broker can then
 * answer them with OUT_OF_ORDER_SEQUENCE_NUMBER on every retry.
 */
final class DemoTopics {
    private static final int PARTITIONS = 4;

    private DemoTopics() {
    }

    static void create(String bootstrapServers, String prefix, List<String> tenants)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicNames names = new TopicNames(prefix);
        List<NewTopic> topics = new ArrayList<>();
        for (String tenant : tenants) {
            TenantId id = TenantId.of(tenant);
            for (String topic : List.of(names.telemetry(id), names.deadLetter(id), names.twinEvents(id),
                    names.commands(id))) {
                topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
            }
        }
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            // a kept data directory (--kafka-data) already has some or all of them
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            topics.removeIf(topic -> existing.contains(topic.name()));
            if (!topics.isEmpty()) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
                TopicLeaders.await(admin, topics.stream().map(NewTopic::name).toList(), Duration.ofSeconds(30));
            }
        }
    }
}
