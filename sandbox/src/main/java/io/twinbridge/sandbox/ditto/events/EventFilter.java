package io.twinbridge.sandbox.ditto.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import java.util.function.Predicate;

import org.eclipse.ditto.base.model.exceptions.InvalidRqlExpressionException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;

import io.twinbridge.sandbox.ditto.rql.RqlInvalidException;
import io.twinbridge.sandbox.ditto.rql.RqlParser;
import io.twinbridge.sandbox.ditto.rql.RqlPredicates;
import io.twinbridge.sandbox.ditto.rql.RqlSyntaxException;
import io.twinbridge.sandbox.ditto.rql.RqlTarget;
import io.twinbridge.sandbox.ditto.twin.ThingChange;

/**
 * Which events a subscription wants, as Ditto 3.9.6's {@code StreamingSession} decides: by namespace, and by an RQL
 * filter evaluated on the thing as the event shows it (thing id plus the changed part), merged with the enriched
 * {@code extraFields} ({@code mergeThingWithExtra}), with the event's {@code topic:}, {@code entity:},
 * {@code resource:} and {@code time:} placeholders ({@link FilterPlaceholders}). The filter is Ditto 3.9.6's RQL
 * (the sandbox's {@code io.twinbridge.sandbox.ditto.rql}: {@code ilike}, {@code empty}, array flattening), with the
 * placeholders' supported names as fields, as {@code QueryFilterCriteriaFactory.modelBased(parser, placeholders)}
 * accepts them.
 */
public final class EventFilter {

    /** {@code StreamingSessionActor.parseCriteria}: the placeholder fields a WebSocket filter may name. */
    private static final Set<String> PLACEHOLDERS = FilterPlaceholders.fields(FilterPlaceholders.forParsing());
    /** {@code ThingsSseRouteBuilder.getInstance}: an SSE filter may name topic:, resource: and time: only. */
    private static final Set<String> SSE_PLACEHOLDERS = FilterPlaceholders.fields(FilterPlaceholders.forSse());

    private final Set<String> namespaces;
    private final Optional<Predicate<RqlTarget>> filter;
    private final Optional<JsonFieldSelector> extraFields;
    private final Optional<String> correlationId;

    private EventFilter(final Set<String> namespaces, final Optional<Predicate<RqlTarget>> filter,
            final Optional<JsonFieldSelector> extraFields, final Optional<String> correlationId) {
        this.namespaces = namespaces;
        this.filter = filter;
        this.extraFields = extraFields;
        this.correlationId = correlationId;
    }

    public static EventFilter all() {
        return new EventFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The parameters of {@code START-SEND-EVENTS?...} ({@code ProtocolMessageExtractor}): {@code namespaces},
     * {@code filter}, {@code extraFields} ({@code ThingFieldSelector.fromString}, {@link ThingFieldSelection}) and
     * {@code correlation-id}.
     *
     * @param query e.g. {@code namespaces=a,b&filter=eq(attributes/x,1)} (URL-encoded values)
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException for an invalid RQL filter or extra fields
     */
    public static EventFilter parse(final String query) {
        final Map<String, String> params = new LinkedHashMap<>();
        for (final String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                final int eq = pair.indexOf('=');
                final String key = eq < 0 ? pair : pair.substring(0, eq);
                final String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        final Optional<String> correlationId = Optional.ofNullable(params.get("correlation-id"));
        final Optional<JsonFieldSelector> extraFields = Optional.ofNullable(params.get("extraFields"))
                .filter(s -> !s.isEmpty()).map(ThingFieldSelection::parse);
        final EventFilter parsed = of(Optional.ofNullable(params.get("namespaces")),
                Optional.ofNullable(params.get("filter")), correlationId, PLACEHOLDERS);
        return new EventFilter(parsed.namespaces, parsed.filter, extraFields, correlationId);
    }

    /** The filter of an SSE stream ({@code ThingsSseRouteBuilder}): placeholders topic:, resource: and time:. */
    public static EventFilter forSse(final Optional<String> namespaceList, final Optional<String> rql) {
        return of(namespaceList, rql, Optional.empty(), SSE_PLACEHOLDERS);
    }

    private static EventFilter of(final Optional<String> namespaceList, final Optional<String> rql,
            final Optional<String> correlationId, final Set<String> placeholders) {
        final Set<String> namespaces = namespaceList.map(list -> Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        final DittoHeaders headers = correlationId.map(id -> DittoHeaders.newBuilder().correlationId(id).build())
                .orElse(DittoHeaders.empty());
        final Optional<Predicate<RqlTarget>> filter = rql.filter(s -> !s.isBlank())
                .map(s -> compile(s, placeholders, headers));
        return new EventFilter(namespaces, filter, Optional.empty(), correlationId);
    }

    /**
     * {@code QueryFilterCriteriaFactory.filterCriteria}: an unparsable filter, or one naming a field that is neither
     * a thing field nor a supported placeholder name, is 400 {@code rql.expression.invalid}.
     */
    private static Predicate<RqlTarget> compile(final String rql, final Set<String> placeholders,
            final DittoHeaders headers) {
        try {
            return RqlPredicates.compile(RqlParser.parse(rql), placeholders);
        } catch (final RqlSyntaxException | RqlInvalidException invalid) {
            throw InvalidRqlExpressionException.newBuilder().message(invalid.getMessage()).dittoHeaders(headers)
                    .build();
        }
    }

    /** The {@code extraFields} to enrich each event with, if the subscription asked for any. */
    public Optional<JsonFieldSelector> extraFields() {
        return extraFields;
    }

    /** The {@code correlation-id} parameter of the subscription, for its errors. */
    public Optional<String> correlationId() {
        return correlationId;
    }

    /**
     * As {@link #accepts(ThingChange)}, with the filter evaluated on {@code asSeen}: the event's thing with enriched
     * extra fields (Ditto's {@code StreamingSession.matchesFilter} on {@code mergeThingWithExtra}).
     */
    public boolean accepts(final ThingChange change, final JsonObject asSeen) {
        final boolean namespaceOk = namespaces.isEmpty() || namespaces.contains(change.thingId().getNamespace());
        return namespaceOk && filter.map(f -> f.test(new EventTarget(change, asSeen))).orElse(true);
    }

    public boolean accepts(final ThingChange change) {
        return accepts(change, change.partialThing());
    }
}
