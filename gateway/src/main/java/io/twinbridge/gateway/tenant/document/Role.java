package io.twinbridge.gateway.tenant.document;

import java.util.Locale;

/** The roles a tenant's subjects can hold, in the order their policy entries are rendered. */
public enum Role {
    ADMIN, OPERATOR, VIEWER, DEVICE;

    /** The name in the tenants document and the label of the policy entry. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
