package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.mapping.TwinPatchCoalescer;
import io.twinbridge.gateway.model.ThingModel;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.util.Objects;

/** One pending change to one twin: the patch, plus what is needed to create the thing if it does not exist yet. */
public record TwinUpdate(TenantSettings tenant, ThingModel model, TwinPatch patch) {
    public TwinUpdate {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(patch, "patch");
    }

    /** Coalesces a later update into this one; per property the newer source timestamp wins. */
    public TwinUpdate coalesce(TwinUpdate later) {
        return new TwinUpdate(later.tenant, later.model, TwinPatchCoalescer.merge(patch, later.patch));
    }

    public TwinUpdate withPatch(TwinPatch newPatch) {
        return new TwinUpdate(tenant, model, newPatch);
    }
}
