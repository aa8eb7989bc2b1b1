package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.kafka.TopicNames;
import io.twinbridge.gateway.mapping.DesiredPropertyCommands;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ditto → Kafka: one {@link TenantEgress} per tenant, each with its own Ditto session (Ditto never sends a session
 * the events of its own commands, so these must not be the ingest session), sharing one idempotent producer.
 */
public final class EgressService {
    private static final Logger LOG = LoggerFactory.getLogger(EgressService.class);

    private final EgressSettings settings;
    private final Producer<byte[], byte[]> producer;
    private final List<TenantEgress> tenants = new ArrayList<>();
    private final EgressStats stats = new EgressStats();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

    /**
     * @param sessions opens one Ditto session per tenant
     * @param writer   session for clearing applied desired properties; its changes come back as events, so it
     *                 must not be one of the egress sessions
     */
    public EgressService(EgressSettings settings, TenantDirectory directory, ModelRegistry models,
                         DittoPortFactory sessions, DittoPort writer) {
        this(settings, directory, models, sessions, writer,
                props -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** @param producers creates the producer from the complete properties (idempotent, acks=all) */
    public EgressService(EgressSettings settings, TenantDirectory directory, ModelRegistry models,
                         DittoPortFactory sessions, DittoPort writer,
                         Function<Properties, Producer<byte[], byte[]>> producers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.producer = producers.apply(producerProperties(settings.producerProperties()));
        TopicNames topics = new TopicNames(settings.topicPrefix());
        TwinRecords records = new TwinRecords(models, settings.format());
        DesiredPropertyCommands mappings = DesiredPropertyCommands.compile(models);
        for (TenantSettings tenant : directory.all()) {
            Optional<String> label = settings.ackLabelPrefix()
                    .map(prefix -> EgressSettings.ackLabel(prefix, tenant.id().value()));
            DittoPort session = sessions.open("egress-" + tenant.id(), label.map(Set::of).orElse(Set.of()));
            EgressStats tenantStats = stats.tenant(tenant.id().value());
            tenants.add(new TenantEgress(tenant, session, writer, producer, topics, records,
                    new DesiredCommands(tenant.id().value(), mappings, records, tenantStats), label,
                    settings.maxBufferedEvents(), tenantStats));
        }
    }

    static Properties producerProperties(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // idempotence keeps order per partition with up to 5 requests in flight, also across retries
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "twinbridge-egress");
        return p;
    }

    /** Connects and subscribes every tenant; completes when Ditto acknowledged every subscription. */
    public CompletableFuture<Void> start() {
        CompletableFuture<?>[] started = tenants.stream().map(t -> t.start().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        LOG.info("Egress starting for {} tenant(s): {}.twin-events.<tenant> ({}), {}.commands.<tenant>{}",
                tenants.size(), settings.topicPrefix(), settings.format(), settings.topicPrefix(),
                settings.ackLabelPrefix().map(l -> ", acknowledging label " + l + "-<tenant>").orElse(""));
        CompletableFuture.allOf(started).whenComplete((ok, failure) -> {
            if (failure == null) {
                subscribed.complete(null);
            } else {
                subscribed.completeExceptionally(failure);
            }
        });
        return subscribed.copy();
    }

    /** Completes once Ditto acknowledged the subscription of every tenant (after {@link #start()}). */
    public CompletableFuture<Void> subscribed() {
        return subscribed.copy();
    }

    /** Lets each tenant hand its queue to Kafka, flushes, and closes the sessions and the producer. */
    public CompletableFuture<Void> stop(Duration timeout) {
        CompletableFuture<?>[] stopped = tenants.stream().map(t -> t.stop(timeout).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(stopped).handle((ok, failure) -> {
            if (failure != null) {
                LOG.warn("stopping an egress session failed: {}", failure.toString());
            }
            producer.close(timeout);
            LOG.info("Egress stopped: {}", stats);
            return null;
        });
    }

    public EgressStats stats() {
        return stats;
    }

    /** Events waiting for Kafka, over all tenants. */
    public int buffered() {
        return tenants.stream().mapToInt(TenantEgress::buffered).sum();
    }
}
