package io.twinbridge.sandbox.ditto.events;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import org.eclipse.ditto.base.model.signals.WithResource;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.placeholders.Placeholder;
import org.eclipse.ditto.placeholders.PlaceholderFactory;
import org.eclipse.ditto.placeholders.PlaceholderResolver;
import org.eclipse.ditto.placeholders.TimePlaceholder;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.protocol.placeholders.ResourcePlaceholder;
import org.eclipse.ditto.protocol.placeholders.TopicPathPlaceholder;
import org.eclipse.ditto.things.model.ThingId;

import io.twinbridge.sandbox.ditto.twin.ThingChange;

/**
 * The placeholders of an event filter, as Ditto 3.9.6's {@code StreamingSessionActor.parseCriteria} accepts them
 * ({@code topic:}, {@code entity:}, {@code thing:}, {@code feature:}, {@code resource:}, {@code time:},
 * {@code header:}) and {@code StreamingSession} resolves them for each event: only {@code topic:}, {@code entity:},
 * {@code resource:} and {@code time:} get a value; {@code thing:} and {@code feature:} parse but never resolve, and
 * {@code header:} has no supported names, so no filter can name it (basic-placeholders.md, "Scope: RQL expressions
 * when filtering for Ditto Protocol messages"). {@code topic:}, {@code resource:}, {@code time:} and {@code header:}
 * are Ditto 2.4.0's own placeholders; {@code entity:}, {@code thing:} and {@code feature:} are missing from the
 * 2.4.0 libraries and are declared here with 3.9.6's names.
 */
final class FilterPlaceholders {

    private static final Placeholder<ThingId> ENTITY = new Named<>("entity", List.of("id", "namespace", "name"),
            FilterPlaceholders::entity);
    private static final Placeholder<Object> THING = new Named<>("thing", List.of("id", "namespace", "name"),
            (source, name) -> List.of());
    private static final Placeholder<Object> FEATURE = new Named<>("feature", List.of("id"),
            (source, name) -> List.of());

    private FilterPlaceholders() {
    }

    /** What a filter may name when it is parsed. */
    static Placeholder<?>[] forParsing() {
        return new Placeholder<?>[]{TopicPathPlaceholder.getInstance(), ENTITY, THING, FEATURE,
                ResourcePlaceholder.getInstance(), TimePlaceholder.getInstance(),
                // no supported names, so ThingsFieldExpressionFactory.of accepts no header: field, as in 3.9.6
                PlaceholderFactory.newHeadersPlaceholder()};
    }

    /** What an SSE filter may name ({@code ThingsSseRouteBuilder.getInstance}). */
    static Placeholder<?>[] forSse() {
        return new Placeholder<?>[]{TopicPathPlaceholder.getInstance(), ResourcePlaceholder.getInstance(),
                TimePlaceholder.getInstance()};
    }

    /**
     * The placeholder fields a filter may name: {@code prefix:name} for each supported name
     * ({@code ThingsFieldExpressionFactory.of(simpleFieldMappings, placeholders)}).
     */
    static Set<String> fields(final Placeholder<?>[] placeholders) {
        final Set<String> fields = new HashSet<>();
        for (final Placeholder<?> placeholder : placeholders) {
            placeholder.getSupportedNames().forEach(name -> fields.add(placeholder.getPrefix() + ":" + name));
        }
        return Set.copyOf(fields);
    }

    /**
     * {@code ThingPredicatePredicateVisitor.getThingField}: the values of the first resolver with {@code prefix}
     * that supports {@code name}; empty if there is none.
     */
    static List<String> resolve(final PlaceholderResolver<?>[] resolvers, final String prefix, final String name) {
        for (final PlaceholderResolver<?> resolver : resolvers) {
            if (prefix.equals(resolver.getPrefix()) && resolver.supports(name)) {
                return resolver.resolveValues(name);
            }
        }
        return List.of();
    }

    /** The values for one event: its topic, entity id, resource path and the current time. */
    static PlaceholderResolver<?>[] resolvers(final ThingChange change) {
        final TopicPath topic = ProtocolFactory.newTopicPath(change.thingId().getNamespace() + "/"
                + change.thingId().getName() + "/things/twin/events/" + change.action());
        final WithResource resource = new WithResource() {
            @Override
            public JsonPointer getResourcePath() {
                return change.path();
            }

            @Override
            public String getResourceType() {
                return "thing";
            }
        };
        return new PlaceholderResolver<?>[]{
                PlaceholderFactory.newPlaceholderResolver(TopicPathPlaceholder.getInstance(), topic),
                PlaceholderFactory.newPlaceholderResolver(ENTITY, change.thingId()),
                PlaceholderFactory.newPlaceholderResolver(ResourcePlaceholder.getInstance(), resource),
                PlaceholderFactory.newPlaceholderResolver(TimePlaceholder.getInstance(), new Object())};
    }

    /** {@code ImmutableEntityIdPlaceholder}: id, namespace and name of a namespaced entity id. */
    private static List<String> entity(final ThingId id, final String name) {
        return switch (name) {
            case "id" -> List.of(id.toString());
            case "namespace" -> List.of(id.getNamespace());
            case "name" -> List.of(id.getName());
            default -> List.of();
        };
    }

    /** A placeholder with a prefix, the names it supports and how it resolves them. */
    private static final class Named<T> implements Placeholder<T> {

        private final String prefix;
        private final List<String> names;
        private final BiFunction<T, String, List<String>> resolve;

        Named(final String prefix, final List<String> names, final BiFunction<T, String, List<String>> resolve) {
            this.prefix = prefix;
            this.names = names;
            this.resolve = resolve;
        }

        @Override
        public String getPrefix() {
            return prefix;
        }

        @Override
        public List<String> getSupportedNames() {
            return names;
        }

        @Override
        public boolean supports(final String name) {
            return names.contains(name);
        }

        @Override
        public List<String> resolveValues(final T source, final String name) {
            return resolve.apply(source, name);
        }
    }
}
