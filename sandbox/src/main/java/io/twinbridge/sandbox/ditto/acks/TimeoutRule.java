package io.twinbridge.sandbox.ditto.acks;

import java.time.Duration;

import org.eclipse.ditto.base.model.exceptions.DittoHeaderInvalidException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;

/**
 * Ditto 3.9.6's {@code AcknowledgementAggregatorActorStarter.getDittoHeaderInvalidException}, for HTTP and WebSocket
 * alike: {@code timeout=0} is refused when a response or acknowledgements are requested.
 */
public final class TimeoutRule {

    private TimeoutRule() {
    }

    /** @throws DittoHeaderInvalidException for {@code timeout=0} with a response or acknowledgements requested */
    public static void refuseZeroTimeout(final DittoHeaders headers) {
        final boolean timeoutZero = headers.getTimeout().filter(Duration::isZero).isPresent();
        if (timeoutZero && (headers.isResponseRequired() || !headers.getAcknowledgementRequests().isEmpty())) {
            throw DittoHeaderInvalidException.newBuilder().withInvalidHeaderKey("timeout")
                    .message("The value of the header 'timeout' must not be zero if response or acknowledgements "
                            + "are requested.")
                    .description("Please provide a positive timeout.")
                    .dittoHeaders(headers).build();
        }
    }
}
