package io.twinbridge.sandbox.ditto.events;

import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinbridge.sandbox.ditto.twin.EntityRequest;
import io.twinbridge.sandbox.ditto.twin.ThingService;
import io.twinbridge.sandbox.ditto.twin.TwinAction;

/**
 * Ditto's signal enrichment ({@code extraFields}, basic-enrichment.md): the current thing, cut to the extra fields,
 * as the subscriber may read it ({@code SignalEnrichmentFacade.retrievePartialThing} with the session's
 * authorization), merged under the event's thing for the filter ({@code mergeThingWithExtra}: the event's values
 * win).
 */
public final class Enrichment {

    private Enrichment() {
    }

    /** The extra fields of the thing as {@code subject} may read them; empty if it may read none of it. */
    public static Optional<JsonObject> extra(final ThingService things, final ThingId thingId,
            final JsonFieldSelector fields, final AuthorizationContext subject) {
        try {
            return things.handle(new EntityRequest(TwinAction.RETRIEVE, thingId.toString(), JsonPointer.empty(),
                    Optional.empty(), Optional.of(fields), DittoHeaders.empty(), subject, Optional.empty()))
                    .value().filter(JsonValue::isObject).map(JsonValue::asObject);
        } catch (final DittoRuntimeException notReadable) {
            // a deleted thing, or one the subscriber cannot read: the event goes out without extra fields
            return Optional.empty();
        }
    }

    /** The event's thing with the extra fields under it. */
    public static JsonObject mergeThingWithExtra(final JsonObject eventThing, final Optional<JsonObject> extra) {
        return extra.map(more -> JsonFactory.mergeJsonValues(eventThing, more).asObject()).orElse(eventThing);
    }
}
