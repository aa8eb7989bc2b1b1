package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.tenant.document.DocumentProblem;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import java.util.List;

/** What became of one {@link TenantAdmin#put}. Only {@link Applied} changed anything. */
public sealed interface PutOutcome {
    /** The tenant was refused; nothing was sent to Ditto and nothing changed. */
    record Invalid(List<DocumentProblem> problems) implements PutOutcome {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** A dry run: the policy that would be applied. Nothing changed. */
    record Rendered(TenantSpec tenant, TenantPolicy policy) implements PutOutcome {
    }

    /** The policy is in Ditto, the tenant serves, and (if configured) the tenants file is rewritten. */
    record Applied(TenantSpec tenant, TenantPolicy policy, boolean created) implements PutOutcome {
    }

    /** Ditto did not take the policy; the gateway's tenants did not change. Retrying the same PUT is safe. */
    record DittoFailed(DittoPortException failure) implements PutOutcome {
    }
}
