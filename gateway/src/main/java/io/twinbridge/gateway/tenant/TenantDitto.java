package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import java.util.Set;

/**
 * Whom the gateway acts as in Ditto for each tenant: the tenant's own Ditto user when it has a credential, else the
 * shared {@code ditto.username}. Ingest, egress and the purge of the admin API resolve their sessions here, never by
 * passing one session around.
 */
public interface TenantDitto {
    /** The session that writes the tenant's twins (ingest's, also used by egress to clear desired properties). */
    DittoPort writer(TenantSettings tenant);

    /** A new, not yet connected session as the tenant's technical subject; the caller closes it. */
    DittoPort open(TenantSettings tenant, String sessionName, Set<String> declaredAcks);

    /** Every tenant as the shared user: {@code writer} writes, {@code sessions} opens further sessions. */
    static TenantDitto shared(DittoPort writer, DittoPortFactory sessions) {
        return new TenantDitto() {
            @Override
            public DittoPort writer(TenantSettings tenant) {
                return writer;
            }

            @Override
            public DittoPort open(TenantSettings tenant, String sessionName, Set<String> declaredAcks) {
                return sessions.open(sessionName, declaredAcks);
            }
        };
    }
}
