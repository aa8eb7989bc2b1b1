package io.twinbridge.gateway.egress;

import io.micrometer.core.instrument.MeterRegistry;
import io.twinbridge.gateway.config.EgressConfig;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.mapping.EgressFormat;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantDitto;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.Optional;

/** Builds the egress flow from the gateway config. */
public final class EgressFactory {
    private EgressFactory() {
    }

    public static EgressSettings settings(GatewayConfig config) {
        EgressConfig egress = config.egress();
        return new EgressSettings(config.kafka().baseClientProperties(), config.kafka().topicPrefix(),
                EgressFormat.parse(egress.format()), ackLabelPrefix(config), egress.maxBufferedEvents(),
                egress.maxCachedThings(), egress.reconcileInterval(), egress.reconcileMaxThings(),
                egress.failover() ? Optional.of(egress.failoverTimeout()) : Optional.empty(), config.kafka().groupId());
    }

    /** The label prefix egress declares and ingest requests, when acknowledgements are on. */
    public static Optional<String> ackLabelPrefix(GatewayConfig config) {
        EgressConfig egress = config.egress();
        return egress.enabled() && egress.acks() ? Optional.of(egress.ackLabel()) : Optional.empty();
    }

    /** Egress for the tenants of {@code tenants}, each with its Ditto sessions from {@code ditto}. */
    public static EgressService create(GatewayConfig config, ModelRegistry models, TenantDitto ditto,
                                       TenantDirectory tenants, MeterRegistry meters) {
        return new EgressService(settings(config), tenants, models, ditto,
                props -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()), meters);
    }
}
