package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import io.twinbridge.gateway.tenant.TenantSettings;

/**
 * Derives a thing id from the tenant (taken from the topic) and the device id. A device id may be plain
 * ({@code turbine-7}) or qualified ({@code acme:turbine-7}); a qualified one must name the tenant's own namespace.
 */
public final class ThingIds {
    public static final String FOREIGN_NAMESPACE = "foreign-namespace";
    public static final String KEY_MISMATCH = "key-mismatch";

    private ThingIds() {
    }

    public static Result<String> resolve(TenantSettings tenant, String deviceId, String recordKey) {
        if (recordKey != null && !recordKey.equals(deviceId)) {
            return Result.err(Stage.MAP, KEY_MISMATCH, "record key '" + recordKey + "' differs from deviceId '"
                    + deviceId + "'; the key must be the device id so that a device's events stay in order");
        }
        int colon = deviceId.indexOf(':');
        if (colon < 0) {
            return Result.ok(tenant.namespace() + ":" + deviceId);
        }
        String namespace = deviceId.substring(0, colon);
        if (!namespace.equals(tenant.namespace())) {
            return Result.err(Stage.MAP, FOREIGN_NAMESPACE, "device '" + deviceId + "' is in namespace '" + namespace
                    + "', outside tenant " + tenant.id() + " (namespace '" + tenant.namespace() + "')");
        }
        return Result.ok(deviceId);
    }
}
