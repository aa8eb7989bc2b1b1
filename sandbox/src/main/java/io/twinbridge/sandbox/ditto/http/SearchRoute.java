package io.twinbridge.sandbox.ditto.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseException;
import org.eclipse.ditto.json.JsonParseOptions;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.thingsearch.model.SearchModelFactory;
import org.eclipse.ditto.thingsearch.model.SearchResultBuilder;
import org.eclipse.ditto.thingsearch.model.signals.commands.exceptions.InvalidOptionException;

import io.twinbridge.sandbox.ditto.twin.FieldSelectors;
import io.twinbridge.sandbox.ditto.twin.ThingConditions;
import io.twinbridge.sandbox.ditto.twin.ThingService;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Ditto 3.9's search HTTP API ({@code ThingSearchRoute}, doc pages {@code httpapi-search.md} and
 * {@code basic-search.md}): {@code GET|POST /api/2/search/things} answers {@code {"items":[...],"cursor":"..."}},
 * the cursor present only while more things follow; {@code GET|POST /api/2/search/things/count} answers a bare
 * number. POST takes the same parameters as an {@code application/x-www-form-urlencoded} body. A subject finds only
 * things it may read, as in Ditto, whose search index honours the things' policies. Parameters: {@code namespaces},
 * {@code filter} (RQL on the thing with {@code _revision}, {@code _created} and {@code _modified}, as Ditto's search
 * indexes them), {@code fields} (Ditto's field selector, parentheses included; exactly the selected fields) and
 * {@code option=size(n),cursor(c),sort(+f,-g,...)}.
 */
final class SearchRoute {
    /** Ditto's default page size and largest one ({@code things-search.query.limits}: default 25, max 200). */
    private static final int DEFAULT_SIZE = 25;
    private static final int MAX_SIZE = 200;
    private static final JsonPointer THING_ID = JsonPointer.of("thingId");
    /** Ditto's field selector syntax with parentheses; the query is URL-decoded already (ThingSearchRoute). */
    private static final JsonParseOptions FIELD_SELECTOR_SYNTAX = JsonFactory.newParseOptionsBuilder()
            .withoutUrlDecoding().build();
    /** Ditto's default sort, and its tie-breaker for every sort ({@code basic-search.md}: "sort(+thingId)"). */
    private static final SortKey BY_THING_ID = new SortKey(THING_ID, true);

    private final ThingService things;
    private final SearchLag lag;

    SearchRoute(final ThingService things, final SearchLag lag) {
        this.things = things;
        this.lag = lag;
    }

    /** {@code /search/things}: a page of items with the selected fields. */
    void handle(final RoutingContext ctx, final AuthorizationContext subject) {
        final MultiMap params = params(ctx);
        final DittoHeaders headers = DittoHeaders.empty();
        int size = DEFAULT_SIZE;
        boolean sized = false;
        Optional<Integer> offset = Optional.empty();
        final List<String> cursors = new ArrayList<>();
        Optional<List<SortKey>> sortOption = Optional.empty();
        for (final String o : options(Optional.ofNullable(params.get("option")).orElse(""))) {
            if (o.startsWith("size(") && o.endsWith(")")) {
                size = size(o.substring(5, o.length() - 1), headers);
                sized = true;
            } else if (o.startsWith("limit(") && o.endsWith(")")) {
                // the deprecated limit(offset,count) (basic-search.md "RQL paging"); ParameterOptionVisitor: the
                // later of size and limit sets the page size
                final int[] limit = limit(o.substring(6, o.length() - 1), headers);
                offset = Optional.of(limit[0]);
                size = limit[1];
            } else if (o.startsWith("cursor(") && o.endsWith(")")) {
                cursors.add(o.substring(7, o.length() - 1));
            } else if (o.startsWith("sort(") && o.endsWith(")")) {
                sortOption = Optional.of(sort(o.substring(5, o.length() - 1), headers));
            } else {
                // Ditto's RqlOptionParser knows size, cursor, sort (and the deprecated limit), nothing else
                throw InvalidOptionException.newBuilder().message("The option <" + o + "> is not supported.")
                        .dittoHeaders(headers).build();
            }
        }
        if (cursors.size() > 1) {
            throw invalidCursor("There may not be more than 1 'cursor' option.", headers); // ThingsSearchCursor
        }
        if (!cursors.isEmpty() && offset.isPresent()) {
            throw invalidCursor("The options 'cursor' and 'limit' must not be used together.", headers);
        }
        Optional<String> filter = Optional.ofNullable(params.get("filter")).filter(f -> !f.isBlank());
        Optional<Set<String>> namespaces = namespaces(params.get("namespaces"));
        List<SortKey> sort = withThingId(sortOption.orElse(List.of()));
        Optional<JsonObject> after = Optional.empty();
        if (!cursors.isEmpty()) {
            // ThingsSearchCursor: the cursor fixes filter, namespaces and sort of the query it continues
            final Cursor cursor = Cursor.decode(cursors.get(0), headers);
            if (filter.isPresent() && !filter.equals(cursor.filter())) {
                throw invalidCursor("The parameter 'filter' must not differ from the original query of the cursor.",
                        headers);
            }
            if (sortOption.isPresent() && !areCompatible(cursor.sort(), sortOption.get(), 0)) {
                throw invalidCursor("The option 'sort' must not differ from the original query of the cursor.",
                        headers);
            }
            filter = cursor.filter();
            namespaces = cursor.namespaces();
            sort = cursor.sort();
            after = Optional.of(cursor.last());
        }
        final Comparator<JsonObject> order = comparator(sort);
        final List<JsonObject> found = find(filter, namespaces, subject, headers);
        found.sort(order);
        final Optional<JsonObject> from = after;
        final List<JsonObject> page = found.stream().filter(t -> from.map(a -> order.compare(t, a) > 0).orElse(true))
                .skip(offset.orElse(0)).toList();
        final Optional<JsonFieldSelector> fields = Optional.ofNullable(params.get("fields"))
                .filter(f -> !f.isBlank()).map(f -> JsonFactory.newFieldSelector(f, FIELD_SELECTOR_SYNTAX));
        final SearchResultBuilder result = SearchModelFactory.newSearchResultBuilder();
        if (offset.isPresent()) {
            // MongoThingsSearchPersistence.toResultList fetches count + 1: with more, the first count items and the
            // next page's offset; else all fetched and -1 (so limit(o,0) gives one item). No cursor with limit
            // (ThingsSearchCursor.processSearchResult).
            final boolean more = size > 0 && page.size() > size;
            page.stream().limit(more ? size : Math.min(page.size(), size + 1L))
                    .forEach(thing -> result.add(selected(thing, fields)));
            result.nextPageOffset(more ? (long) offset.get() + size : -1L);
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(result.build().toJson().toString());
            return;
        }
        // exactly the selected fields (gateway QueryThingsPerRequestActor.getEntitiesWithSelectedFields);
        // without fields, the thing without its special fields
        // (features/*/... expanded as RetrieveThings does, which QueryThingsPerRequestActor sends)
        page.stream().limit(size).forEach(thing -> result.add(selected(thing, fields)));
        if (page.size() > size) {
            result.cursor(new Cursor(filter, namespaces, sort, page.get(size - 1)).encode());
        }
        // ThingsSearchCursor.processSearchResult: nextPageOffset only on a first page requested without size(n):
        // the next page's offset, or -1 on the last page
        result.nextPageOffset(cursors.isEmpty() && !sized ? (page.size() > size ? (long) size : -1L) : null);
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(result.build().toJson().toString());
    }

    private static JsonValue selected(final JsonObject thing, final Optional<JsonFieldSelector> fields) {
        return fields.map(f -> (JsonValue) thing.get(FieldSelectors.expandFeatureWildcards(f, thing)))
                .orElseGet(() -> thing.remove("_revision").remove("_created").remove("_modified"));
    }

    /** {@code /search/things/count}: the number of matching things as a bare JSON number (ThingSearchRoute). */
    void count(final RoutingContext ctx, final AuthorizationContext subject) {
        final MultiMap params = params(ctx);
        final DittoHeaders headers = DittoHeaders.empty();
        // ThingSearchRoute.countThings takes filter and namespaces only; an option is not part of a count
        final int count = find(Optional.ofNullable(params.get("filter")).filter(f -> !f.isBlank()),
                namespaces(params.get("namespaces")), subject, headers).size();
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(Integer.toString(count));
    }

    /** GET: the query; POST: the form body (ThingSearchRoute's formFieldMultiMap; parsed by Vert.x BodyHandler). */
    private static MultiMap params(final RoutingContext ctx) {
        final MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().params());
        if ("POST".equals(ctx.request().method().name())) {
            params.addAll(ctx.request().formAttributes());
        }
        return params;
    }

    /** All matching things the subject may read, each with its special fields, as the (lagging) index has them. */
    private List<JsonObject> find(final Optional<String> rql, final Optional<Set<String>> namespaces,
            final AuthorizationContext subject, final DittoHeaders headers) {
        // an invalid filter: 400 rql.expression.invalid (InvalidRqlExpressionException, thrown by Ditto's parser)
        final Optional<Predicate<JsonObject>> filter = rql.map(f -> ThingConditions.parse(f, headers));
        final Predicate<ThingId> where = id -> namespaces.map(n -> n.contains(id.getNamespace())).orElse(true);
        final List<JsonObject> found = new ArrayList<>(things.search(where.and(id -> !lag.hidden(id)), filter,
                subject));
        // a deleted thing stays in the lagging index as it was, and matches the filter as it was
        lag.stillIndexed(where, subject).stream().filter(t -> filter.map(f -> f.test(t)).orElse(true))
                .forEach(found::add);
        return found;
    }

    private static Optional<Set<String>> namespaces(final String list) {
        return Optional.ofNullable(list).map(l -> Arrays.stream(l.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    private static InvalidOptionException invalidCursor(final String description, final DittoHeaders headers) {
        return InvalidOptionException.newBuilder().message("The option 'cursor' is not valid for the search request.")
                .description(description).dittoHeaders(headers).build();
    }

    private static List<String> options(final String options) {
        // split at top-level commas only: sort(+a,-b) holds commas of its own
        final List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < options.length(); i++) {
            final char c = options.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                out.add(options.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(options.substring(start).trim());
        return out.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** {@code sort(+thingId,-_modified,...)}: each key needs its direction, as Ditto's RQL sort grammar. */
    private static List<SortKey> sort(final String keys, final DittoHeaders headers) {
        final List<SortKey> sort = new ArrayList<>();
        for (final String key : keys.split(",")) {
            final String k = key.trim();
            if (k.length() < 2 || (k.charAt(0) != '+' && k.charAt(0) != '-')) {
                throw InvalidOptionException.newBuilder().message("Invalid sort key <" + k + ">: it must start "
                        + "with '+' or '-'.").dittoHeaders(headers).build();
            }
            sort.add(new SortKey(JsonPointer.of(k.substring(1)), k.charAt(0) == '+'));
        }
        return List.copyOf(sort);
    }

    /**
     * {@code ThingsSearchCursor.ensureDefaultPropertyPath}: the sort up to and including its thingId key, or with
     * {@code +thingId} appended, so that the order (and the cursor) is total.
     */
    private static List<SortKey> withThingId(final List<SortKey> sort) {
        for (int i = 0; i < sort.size(); i++) {
            if (sort.get(i).field().equals(THING_ID)) {
                return List.copyOf(sort.subList(0, i + 1));
            }
        }
        final List<SortKey> total = new ArrayList<>(sort);
        total.add(BY_THING_ID);
        return List.copyOf(total);
    }

    /**
     * {@code ThingsSearchCursor.areCompatible}: a request's sort is compatible with its cursor's if they are equal,
     * if the cursor's is the request's with {@code +thingId} appended, or if they are equal up to a thingId key.
     */
    private static boolean areCompatible(final List<SortKey> cursor, final List<SortKey> command, final int i) {
        if (i >= cursor.size() && i >= command.size()) {
            return true;
        } else if (i >= command.size()) {
            return i + 1 == cursor.size() && BY_THING_ID.equals(cursor.get(i));
        } else if (i >= cursor.size()) {
            return false;
        }
        return cursor.get(i).equals(command.get(i))
                && (THING_ID.equals(cursor.get(i).field()) || areCompatible(cursor, command, i + 1));
    }

    private static Comparator<JsonObject> comparator(final List<SortKey> sort) {
        Comparator<JsonObject> order = (a, b) -> 0;
        for (final SortKey key : sort) {
            final Comparator<JsonObject> one = (a, b) -> compare(a.getValue(key.field()), b.getValue(key.field()));
            order = order.thenComparing(key.ascending() ? one : one.reversed());
        }
        return order;
    }

    /** MongoDB's order, which Ditto's search index has: missing first, then numbers, then strings, then others. */
    private static int compare(final Optional<JsonValue> a, final Optional<JsonValue> b) {
        final int ra = rank(a);
        final int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (ra == 1) {
            return Double.compare(a.orElseThrow().asDouble(), b.orElseThrow().asDouble());
        }
        if (ra == 2) {
            return a.orElseThrow().asString().compareTo(b.orElseThrow().asString());
        }
        return ra == 0 ? 0 : a.orElseThrow().toString().compareTo(b.orElseThrow().toString());
    }

    private static int rank(final Optional<JsonValue> v) {
        if (v.isEmpty() || v.get().isNull()) {
            return 0;
        }
        return v.get().isNumber() ? 1 : v.get().isString() ? 2 : 3;
    }

    /**
     * {@code limit(offset,count)}: as Ditto's search {@code Validator}, offset at least 0, count between 0 and 200;
     * otherwise {@code QueryParser.setOptions} answers 400 {@code InvalidOptionException}.
     */
    private static int[] limit(final String value, final DittoHeaders headers) {
        final String[] parts = value.split(",");
        try {
            if (parts.length == 2) {
                final int offset = Integer.parseInt(parts[0].trim());
                final int count = Integer.parseInt(parts[1].trim());
                if (offset >= 0 && count >= 0 && count <= MAX_SIZE) {
                    return new int[]{offset, count};
                }
            }
        } catch (final NumberFormatException notANumber) {
            // answered below, as for values out of range
        }
        throw InvalidOptionException.newBuilder().message("Invalid limit <" + value + ">: offset must be at least 0 "
                + "and count between 0 and " + MAX_SIZE + ".").dittoHeaders(headers).build();
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

    /**
     * The cursor in Ditto 3.9.6's format ({@code ThingsSearchCursor.encode}, {@code toJson}): the JSON
     * {@code {"F":filter,"N":[namespaces],"S":"sort(+/a,+/thingId)","V":[sort values of the page's last item]}},
     * deflated (zlib, as Pekko's {@code Coder.Deflate}) and base64url-encoded without padding. The next page starts
     * after the values. Ditto also writes the first request's correlation id ({@code "C"}), which only its logs use.
     */
    private record Cursor(Optional<String> filter, Optional<Set<String>> namespaces, List<SortKey> sort,
            JsonObject last) {
        String encode() {
            final org.eclipse.ditto.json.JsonObjectBuilder json = JsonObject.newBuilder();
            filter.ifPresent(f -> json.set("F", f));
            namespaces.ifPresent(n -> json.set("N", n.stream().sorted().map(JsonValue::of)
                    .collect(org.eclipse.ditto.json.JsonCollectors.valuesToArray())));
            json.set("S", sort.stream().map(k -> (k.ascending() ? "+" : "-") + k.field())
                    .collect(Collectors.joining(",", "sort(", ")")));
            json.set("V", sort.stream().map(k -> last.getValue(k.field()).orElse(JsonValue.nullLiteral()))
                    .collect(org.eclipse.ditto.json.JsonCollectors.valuesToArray()));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(deflate(json.build().toString()));
        }

        static Cursor decode(final String cursor, final DittoHeaders headers) {
            try {
                final JsonObject json = JsonFactory.newObject(inflate(Base64.getUrlDecoder().decode(cursor)));
                final String sortOption = json.getValue("S").orElseThrow().asString();
                if (!sortOption.startsWith("sort(") || !sortOption.endsWith(")")) {
                    throw new IllegalArgumentException("no sort option");
                }
                final List<SortKey> sort = SearchRoute.sort(sortOption.substring(5, sortOption.length() - 1),
                        headers);
                final org.eclipse.ditto.json.JsonArray values = json.getValue("V").orElseThrow().asArray();
                if (values.getSize() != sort.size()) {
                    throw invalidCursor("sort option and sort values have different dimensions", headers);
                }
                JsonObject last = JsonObject.empty();
                for (int i = 0; i < sort.size(); i++) {
                    last = last.setValue(sort.get(i).field(), values.get(i).orElseThrow());
                }
                final Optional<String> filter = json.getValue("F").filter(v -> !v.isNull() && v.isString())
                        .map(JsonValue::asString);
                final Optional<Set<String>> namespaces = json.getValue("N").filter(v -> !v.isNull() && v.isArray())
                        .map(a -> a.asArray().stream().map(JsonValue::asString)
                                .collect(Collectors.toUnmodifiableSet()));
                return new Cursor(filter, namespaces, sort, last);
            } catch (final IllegalArgumentException | ClassCastException | UnsupportedOperationException
                    | org.eclipse.ditto.json.JsonRuntimeException | java.util.NoSuchElementException
                    | StringIndexOutOfBoundsException | java.util.zip.DataFormatException
                    | InvalidOptionException notACursor) {
                // ThingsSearchCursor.decode: anything that does not decode is an invalid option, no explanation
                throw invalidCursor("The cursor <" + cursor + "> is invalid.", headers);
            }
        }

        private static byte[] deflate(final String json) {
            final java.util.zip.Deflater deflater = new java.util.zip.Deflater();
            deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            final byte[] buffer = new byte[512];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            return out.toByteArray();
        }

        private static String inflate(final byte[] compressed) throws java.util.zip.DataFormatException {
            final java.util.zip.Inflater inflater = new java.util.zip.Inflater();
            inflater.setInput(compressed);
            final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            final byte[] buffer = new byte[512];
            while (!inflater.finished()) {
                final int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new java.util.zip.DataFormatException("truncated cursor");
                }
                out.write(buffer, 0, n);
            }
            inflater.end();
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private record SortKey(JsonPointer field, boolean ascending) {
    }
}
