package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEvents;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;

/** Events egress makes up for a resync, as Ditto would have sent them, marked {@code twinbridge-resync: true}. */
final class ResyncEvents {
    private ResyncEvents() {
    }

    /** A {@code deleted} event of the whole thing, for a thing gone from Ditto while egress did not listen. */
    static TwinEvent deletion(String thingId, long revision, Instant timestamp) {
        String namespace = thingId.substring(0, thingId.indexOf(':'));
        String name = thingId.substring(thingId.indexOf(':') + 1);
        Adaptable adaptable = ProtocolFactory.newAdaptableBuilder(ProtocolFactory.newTopicPath(namespace + "/" + name
                        + "/things/twin/events/deleted"))
                .withPayload(ProtocolFactory.newPayloadBuilder(JsonPointer.empty()).withRevision(revision)
                        .withTimestamp(timestamp).build())
                .withHeaders(DittoHeaders.newBuilder().putHeader(TwinEvents.RESYNC_HEADER, "true").build())
                .build();
        return new TwinEvent(thingId, "deleted", JsonPointer.empty(), Optional.empty(), revision,
                Optional.of(timestamp), Optional.empty(), Set.of(),
                ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable).toJsonString());
    }
}
