package io.twinbridge.gateway.tenant.document;

import io.twinbridge.gateway.tenant.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A checked tenants document: tenants with unique ids, namespaces, topics and credentials, sorted by id. */
public record TenantDocument(List<TenantSpec> tenants) {
    public TenantDocument {
        tenants = tenants.stream().sorted(Comparator.comparing(TenantSpec::id)).toList();
    }

    public Optional<TenantSpec> tenant(TenantId id) {
        return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** This document with {@code spec} added or replacing the tenant of the same id. Not checked again. */
    public TenantDocument with(TenantSpec spec) {
        List<TenantSpec> others = tenants.stream().filter(t -> !t.id().equals(spec.id())).toList();
        return new TenantDocument(java.util.stream.Stream.concat(others.stream(), java.util.stream.Stream.of(spec))
                .toList());
    }

    /** This document without the tenant {@code id}. */
    public TenantDocument without(TenantId id) {
        return new TenantDocument(tenants.stream().filter(t -> !t.id().equals(id)).toList());
    }
}
