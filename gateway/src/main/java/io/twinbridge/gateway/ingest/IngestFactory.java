package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.codec.JsonSchemas;
import io.twinbridge.gateway.codec.registry.RegistryConfig;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.config.IngestConfig;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.kafka.InFlightLimits;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/** Builds the ingest flow from the gateway config. */
public final class IngestFactory {
    private IngestFactory() {
    }

    public static TenantDirectory tenants(GatewayConfig config) {
        CodecKind codec = CodecKind.parse(config.ingest().codec());
        List<TenantSettings> tenants = new ArrayList<>();
        for (String id : config.tenants()) {
            TenantId tenant = TenantId.of(id);
            tenants.add(new TenantSettings(tenant, TenantSettings.defaultNamespace(tenant), codec, Optional.empty()));
        }
        return new TenantDirectory(tenants);
    }

    public static Codecs codecs(GatewayConfig config, ModelRegistry models) {
        List<Schema> schemas = new ArrayList<>(models.avroSchemas().values());
        String registry = config.ingest().schemaRegistryUrl();
        return Codecs.create(schemas, JsonSchemas.forTelemetry(schemas, IngestFactory.class.getClassLoader()),
                registry.isEmpty() ? Optional.empty() : Optional.of(RegistryConfig.of(URI.create(registry))));
    }

    public static IngestSettings settings(GatewayConfig config) {
        IngestConfig in = config.ingest();
        return new IngestSettings(config.kafka().ingestConsumerProperties(), config.kafka().groupId(),
                config.kafka().topicPrefix(), in.coalesceWindow(),
                new InFlightLimits(in.maxUncommittedSpan(), in.maxPendingTwins(), in.maxPendingBytes()),
                in.commitInterval(), in.drainTimeout(), in.retryInitial(), in.retryMax(), config.modelsBaseUrl(),
                config.egress().enabled() && config.egress().acks() ? Optional.of(config.egress().ackLabel())
                        : Optional.empty(), in.maxWritesInFlight());
    }

    /** Ingest for the tenants of the {@code tenants} setting; the gateway builds it on its tenant directory instead. */
    public static IngestService create(GatewayConfig config, ModelRegistry models, DittoPort ditto) {
        Codecs codecs = codecs(config, models);
        // fail at start, not on the first record, when confluent-avro is configured without a registry
        codecs.forKind(CodecKind.parse(config.ingest().codec()));
        return new IngestService(settings(config), tenants(config), codecs::forKind, models, ditto);
    }
}
