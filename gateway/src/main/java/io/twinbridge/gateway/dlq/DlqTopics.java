package io.twinbridge.gateway.dlq;

import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.document.TenantTopics;
import java.util.Map;
import java.util.Objects;

/**
 * The topics of one tenant that the DLQ tools touch.
 *
 * @param deadLetter the tenant's dead-letter topic, read
 * @param telemetry  the tenant's telemetry topic, the only topic replay writes records to
 * @param ledger     {@code <prefix>.dlq-replayed.<tenant>}: compacted, one entry per replayed dead letter
 */
public record DlqTopics(String deadLetter, String telemetry, String ledger) {
    public static final String LEDGER_KIND = "dlq-replayed";

    public DlqTopics {
        Objects.requireNonNull(deadLetter, "deadLetter");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(ledger, "ledger");
    }

    /** Derived from the prefix, with the tenant document's overrides (if the tenant has any) applied. */
    public static DlqTopics of(TopicNames names, TenantId tenant, TenantTopics overrides) {
        Map<String, String> resolved = overrides.resolve(names, tenant);
        return new DlqTopics(resolved.get("deadLetter"), resolved.get("telemetry"),
                names.prefix() + "." + LEDGER_KIND + "." + tenant.value());
    }
}
