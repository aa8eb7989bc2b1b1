package io.twinbridge.sandbox.ditto.http;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinbridge.sandbox.ditto.events.Enrichment;
import io.twinbridge.sandbox.ditto.events.EventFilter;
import io.twinbridge.sandbox.ditto.events.EventSubscriber;
import io.twinbridge.sandbox.ditto.twin.ThingChange;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * Server-sent events of thing changes, one {@code data:} line per event, as Ditto 3.9's
 * {@code ThingsSseRouteBuilder} sends them ({@code postprocess}, {@code toNonemptyValue}): the thing as the event
 * shows it (thing id plus the changed part), merged with the {@code extraFields} of the current thing
 * ({@code mergeThingWithExtra}), filtered by {@code filter}, cut to {@code fields} (with {@code _context} for the
 * event's topic, path, value and headers, and {@code _revision}/{@code _modified}); on a sub-resource stream
 * ({@code /things/{id}/<pointer>}) the bare value at the pointer, and nothing for events that do not touch it.
 */
final class SseStream extends EventSubscriber {

    private static final JsonPointer CONTEXT = JsonPointer.of("_context");

    /** What the stream asks for; {@code resource} is empty on {@code /things} and {@code /things/{id}}. */
    record Selection(Set<String> thingIds, JsonPointer resource, Optional<JsonFieldSelector> fields,
            Optional<JsonFieldSelector> extraFields) {
    }

    private final HttpServerResponse response;
    private final EventFilter filter;
    private final Selection selection;
    /** The current thing cut to the extra fields, as the subject may read it (Ditto's signal enrichment facade). */
    private final BiFunction<ThingId, JsonFieldSelector, Optional<JsonObject>> extra;
    /** The request's context, which owns the response: changes are published from the command loops. */
    private final Context owner = Vertx.currentContext();

    SseStream(final HttpServerResponse response, final AuthorizationContext subject, final EventFilter filter,
            final Selection selection, final BiFunction<ThingId, JsonFieldSelector, Optional<JsonObject>> extra) {
        super(subject);
        this.response = response;
        this.filter = filter;
        this.selection = selection;
        this.extra = extra;
    }

    @Override
    public boolean deliver(final ThingChange visible) {
        final boolean wanted = selection.thingIds().isEmpty()
                || selection.thingIds().contains(visible.thingId().toString());
        if (!wanted || response.closed()) {
            return false;
        }
        final JsonObject eventThing = visible.partialThing();
        final JsonObject thing = Enrichment.mergeThingWithExtra(eventThing, selection.extraFields()
                .flatMap(fields -> extra.apply(visible.thingId(), fields)));
        if (!filter.accepts(visible, thing)) {
            return false;
        }
        final Optional<JsonValue> data = dataOf(visible, thing);
        data.ifPresent(value -> write("data:" + value + "\n\n"));
        return data.isPresent();
    }

    /** On the response's own event loop: changes are published from the command loops of other entities. */
    private void write(final String line) {
        if (owner == null || Vertx.currentContext() == owner) {
            response.write(line);
        } else {
            owner.runOnContext(v -> {
                if (!response.closed()) {
                    response.write(line);
                }
            });
        }
    }

    private Optional<JsonValue> dataOf(final ThingChange change, final JsonObject thing) {
        if (selection.fields().isEmpty()) {
            return Optional.of(thing);
        }
        final JsonFieldSelector fields = selection.fields().get();
        final JsonObject selected = thing.toBuilder()
                .set("_revision", change.revision())
                .set("_modified", change.timestamp().toString())
                .build().get(fields);
        if (selected.isEmpty()) {
            // toNonemptyValue: a field selection that leaves nothing sends nothing
            return Optional.empty();
        }
        if (!selection.resource().isEmpty()) {
            return selected.getValue(selection.resource());
        }
        final boolean withContext = fields.getPointers().stream()
                .anyMatch(p -> p.getRoot().filter(CONTEXT.getRoot().orElseThrow()::equals).isPresent());
        return Optional.of(withContext ? selected.toBuilder().set("_context", context(change)).build()
                .get(fields) : selected);
    }

    /** {@code ThingsSseRouteBuilder.addContext}: the event as Ditto Protocol topic, path, value and headers. */
    private static JsonObject context(final ThingChange change) {
        final JsonObject headers = JsonObject.newBuilder()
                .set("correlation-id", change.headers().getCorrelationId().orElse(""))
                .set("content-type", "merged".equals(change.action()) ? "application/merge-patch+json"
                        : "application/json")
                .build();
        return JsonObject.newBuilder()
                .set("topic", change.thingId().getNamespace() + "/" + change.thingId().getName()
                        + "/things/twin/events/" + change.action())
                .set("path", change.path().toString())
                .set("value", change.value().orElse(JsonValue.nullLiteral()))
                .set("headers", headers)
                .build();
    }
}
