package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.mapping.TwinPatchCoalescer;
import io.twinbridge.gateway.model.ThingModel;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pending change to one twin: the patch, plus what is needed to create the thing if it does not exist yet.
 *
 * @param correlationId the correlation id of the (first) record in it, sent to Ditto with the merge
 */
public record TwinUpdate(TenantSettings tenant, ThingModel model, TwinPatch patch, String correlationId) {
    private static final Logger LOG = LoggerFactory.getLogger(TwinUpdate.class);

    public TwinUpdate {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /**
     * Coalesces a later update into this one; per property the newer source timestamp wins. One Ditto merge has one
     * correlation id: the first record's; the later one's is logged (DEBUG) to tie the two together.
     */
    public TwinUpdate coalesce(TwinUpdate later) {
        LOG.debug("Coalesced {} into the pending merge {}", later.correlationId, correlationId);
        return new TwinUpdate(later.tenant, later.model, TwinPatchCoalescer.merge(patch, later.patch), correlationId);
    }

    public TwinUpdate withPatch(TwinPatch newPatch) {
        return new TwinUpdate(tenant, model, newPatch, correlationId);
    }
}
