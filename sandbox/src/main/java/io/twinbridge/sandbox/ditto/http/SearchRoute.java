package io.twinbridge.sandbox.ditto.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.thingsearch.model.SearchModelFactory;
import org.eclipse.ditto.thingsearch.model.SearchResultBuilder;
import org.eclipse.ditto.thingsearch.model.signals.commands.exceptions.InvalidOptionException;

import io.twinbridge.sandbox.ditto.twin.ThingConditions;
import io.twinbridge.sandbox.ditto.twin.ThingService;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/2/search/things} with cursor paging, as Ditto answers it: {@code {"items":[...],"cursor":"..."}},
 * the cursor present only while more things follow. A subject finds only things it may read, as in Ditto, whose
 * search index honours the things' policies. Supported: {@code namespaces}, {@code fields} and {@code option=size(n)},
 * {@code cursor(c)}, {@code sort(+thingId)}; results are sorted by thing id. {@code filter} is an RQL filter on the
 * thing with {@code _revision}, {@code _created} and {@code _modified}, as Ditto's search indexes them.
 */
final class SearchRoute {
    /** Ditto's default and largest page size ({@code things-search.query.limits.max}). */
    private static final int DEFAULT_SIZE = 25;
    private static final int MAX_SIZE = 200;
    private static final JsonPointer THING_ID = JsonPointer.of("thingId");

    private final ThingService things;
    private final SearchLag lag;

    SearchRoute(final ThingService things, final SearchLag lag) {
        this.things = things;
        this.lag = lag;
    }

    void handle(final RoutingContext ctx, final AuthorizationContext subject) {
        final DittoHeaders headers = DittoHeaders.empty();
        // an RQL filter, as Ditto's search takes it, on the thing's JSON with _revision, _created and _modified
        final Optional<java.util.function.Predicate<JsonObject>> filter = Optional.ofNullable(
                ctx.request().getParam("filter")).filter(f -> !f.isBlank())
                .map(rql -> ThingConditions.parse(rql, headers));
        final Optional<Set<String>> namespaces = Optional.ofNullable(ctx.request().getParam("namespaces"))
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
        int size = DEFAULT_SIZE;
        Optional<String> after = Optional.empty();
        final String options = Optional.ofNullable(ctx.request().getParam("option")).orElse("");
        for (final String option : options.isBlank() ? List.<String>of() : List.of(options.split(","))) {
            final String o = option.trim();
            if (o.startsWith("size(") && o.endsWith(")")) {
                size = size(o.substring(5, o.length() - 1), headers);
            } else if (o.startsWith("cursor(") && o.endsWith(")")) {
                after = Optional.of(decode(o.substring(7, o.length() - 1), headers));
            } else if (!"sort(+thingId)".equals(o)) {
                throw InvalidOptionException.newBuilder().message("The option <" + o + "> is not supported by the "
                        + "Ditto sandbox.").dittoHeaders(headers).build();
            }
        }
        final Optional<String> from = after;
        final java.util.function.Predicate<org.eclipse.ditto.things.model.ThingId> where = id -> namespaces
                .map(n -> n.contains(id.getNamespace())).orElse(true)
                && from.map(a -> id.toString().compareTo(a) > 0).orElse(true);
        final List<JsonObject> found = new java.util.ArrayList<>(things.search(where.and(id -> !lag.hidden(id)),
                filter, subject));
        // a deleted thing stays in the lagging index as it was, and matches the filter as it was
        lag.stillIndexed(where, subject).stream().filter(t -> filter.map(f -> f.test(t)).orElse(true))
                .forEach(found::add);
        found.sort(java.util.Comparator.comparing(t -> t.getValue(THING_ID).orElseThrow().asString()));
        final Optional<JsonFieldSelector> fields = Optional.ofNullable(ctx.request().getParam("fields"))
                .filter(f -> !f.isBlank()).map(JsonFactory::parseJsonFieldSelector);
        final SearchResultBuilder result = SearchModelFactory.newSearchResultBuilder();
        // Ditto always returns the thingId of an item, whatever the selected fields
        found.stream().limit(size).forEach(thing -> result.add(fields
                .map(f -> thing.get(f).setValue(THING_ID, thing.getValue(THING_ID).orElseThrow()))
                .map(JsonValue.class::cast)
                // without fields, Ditto returns the thing without its special fields
                .orElseGet(() -> thing.remove("_revision").remove("_created").remove("_modified"))));
        if (found.size() > size) {
            result.cursor(encode(found.get(size - 1).getValue(THING_ID).orElseThrow().asString()));
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(result.build().toJson().toString());
    }

    private static int size(final String value, final DittoHeaders headers) {
        try {
            final int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (final NumberFormatException notANumber) {
            // answered below, as for a size out of range
        }
        throw InvalidOptionException.newBuilder().message("Invalid size <" + value + ">: must be between 1 and "
                + MAX_SIZE + ".").dittoHeaders(headers).build();
    }

    /** The cursor is opaque to clients, as Ditto's is; here it is the last thing id of the page. */
    private static String encode(final String thingId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(thingId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(final String cursor, final DittoHeaders headers) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException notACursor) {
            throw InvalidOptionException.newBuilder().message("The cursor <" + cursor + "> is invalid.")
                    .dittoHeaders(headers).build();
        }
    }
}
