package io.twinbridge.sandbox.ditto.twin;

import java.text.MessageFormat;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.policies.model.PolicyId;

/**
 * Ditto 3.9's 403 {@code policies:policy.notcreatable} ({@code PolicyNotCreatableException}, which the 2.4 policy
 * model on our classpath does not have): the creator of a policy has no unrestricted WRITE on {@code policy:/} in the
 * policy it creates ({@code PolicyCommandEnforcement.authorizeCreatePolicy}), and did not send
 * {@code allow-policy-lockout: true}. Same code, status, message and description as Ditto's.
 */
final class PolicyNotCreatable extends DittoRuntimeException {

    static final String ERROR_CODE = "policies:policy.notcreatable";
    private static final long serialVersionUID = 1L;

    private final PolicyId policyId;

    PolicyNotCreatable(final PolicyId policyId, final DittoHeaders headers) {
        super(ERROR_CODE, HttpStatus.FORBIDDEN, headers,
                MessageFormat.format("The Policy with ID ''{0}'' could not be created as the requester had "
                        + "insufficient permissions.", policyId),
                "Check if you have sufficient permissions in the new policy to create.", null, null);
        this.policyId = policyId;
    }

    @Override
    public DittoRuntimeException setDittoHeaders(final DittoHeaders headers) {
        return new PolicyNotCreatable(policyId, headers);
    }
}
