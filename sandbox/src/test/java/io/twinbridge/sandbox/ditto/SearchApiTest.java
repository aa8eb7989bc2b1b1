package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * Ditto 3.9.6's search HTTP API: gateway {@code ThingSearchRoute}, doc pages {@code httpapi-search.md} and
 * {@code basic-search.md}, the model's {@code InvalidOptionException} and base {@code InvalidRqlExpressionException}.
 */
@Tag("flow")
class SearchApiTest {
    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    @BeforeEach
    void start() throws Exception {
        put("org.example:a", "{\"attributes\":{\"n\":3,\"room\":\"kitchen\",\"complex\":{\"x\":1,\"y\":2,\"z\":3}}}");
        put("org.example:b", "{\"attributes\":{\"n\":1,\"room\":\"hall\",\"complex\":{\"x\":4,\"y\":5,\"z\":6}}}");
        put("org.other:c", "{\"attributes\":{\"n\":2,\"room\":\"kitchen\"}}");
    }

    /** ThingSearchRoute.countThings: GET /search/things/count answers a bare number. */
    @Test
    void countAnswersABareNumber() throws Exception {
        assertEquals("3", get("/api/2/search/things/count").body());
        assertEquals("2", get("/api/2/search/things/count?filter=" + enc("eq(attributes/room,\"kitchen\")")).body());
        assertEquals("1", get("/api/2/search/things/count?namespaces=org.other").body());
    }

    /** basic-search.md "Sorting": sort(+f,-g), thingId the default and the tie-breaker. */
    @Test
    void sortsByTheGivenKeys() throws Exception {
        assertEquals(List.of("org.example:b", "org.other:c", "org.example:a"),
                ids(items("option=" + enc("sort(+attributes/n)"))));
        assertEquals(List.of("org.example:a", "org.other:c", "org.example:b"),
                ids(items("option=" + enc("sort(-attributes/n)"))));
        // hall before kitchen; within kitchen, -thingId: org.other:c before org.example:a
        assertEquals(List.of("org.example:b", "org.other:c", "org.example:a"),
                ids(items("option=" + enc("sort(+attributes/room,-thingId)"))));
        assertEquals(List.of("org.other:c", "org.example:b", "org.example:a"),
                ids(items("option=" + enc("sort(-thingId)"))));
    }

    /** httpapi-search.md "cursor": paging with size(n),cursor(c) follows the sort; no cursor on the last page. */
    @Test
    void cursorPagesFollowTheSort() throws Exception {
        final List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            final JsonObject page = search("option=" + enc("sort(-attributes/n),size(2)"
                    + cursor.map(c -> ",cursor(" + c + ")").orElse("")) + "&fields=thingId");
            seen.addAll(ids(page.getValue("items").orElseThrow().asArray().stream().map(JsonValue::asObject)
                    .toList()));
            cursor = page.getValue("cursor").map(JsonValue::asString);
        } while (cursor.isPresent());
        assertEquals(List.of("org.example:a", "org.other:c", "org.example:b"), seen);
    }

    /** ThingsSearchCursor: the cursor carries filter, namespaces and sort; a differing filter or sort is refused. */
    @Test
    void theCursorFixesFilterAndSort() throws Exception {
        final JsonObject first = search("filter=" + enc("eq(attributes/room,\"kitchen\")") + "&option="
                + enc("sort(-thingId),size(1)") + "&fields=thingId");
        assertEquals(List.of("org.other:c"), ids(first.getValue("items").orElseThrow().asArray().stream()
                .map(JsonValue::asObject).toList()));
        final String cursor = first.getValue("cursor").orElseThrow().asString();
        // the next page without filter and sort: the cursor's own apply
        final JsonObject second = search("option=" + enc("cursor(" + cursor + ")") + "&fields=thingId");
        assertEquals(List.of("org.example:a"), ids(second.getValue("items").orElseThrow().asArray().stream()
                .map(JsonValue::asObject).toList()));
        assertFalse(second.contains("cursor"));
        for (final String query : List.of("filter=" + enc("eq(attributes/room,\"hall\")") + "&option="
                + enc("cursor(" + cursor + ")"), "option=" + enc("sort(+thingId),cursor(" + cursor + ")"),
                "option=" + enc("cursor(" + cursor + "),cursor(" + cursor + ")"))) {
            final HttpResponse<String> response = get("/api/2/search/things?" + query);
            assertEquals(400, response.statusCode(), query);
            assertEquals("thing-search:search.option.invalid", error(response), query);
        }
    }

    /**
     * ThingsSearchCursor.areCompatible: with a cursor, a sort equal to the cursor's, the cursor's without the
     * appended +thingId, or equal up to a thingId key is accepted; ThingsSearchCursor.encode: the cursor is Ditto's
     * deflated, base64url JSON with F (filter), S (sort, thingId appended) and V (the last item's sort values).
     */
    @Test
    void cursorFormatAndCompatibleSortsAsDitto() throws Exception {
        final JsonObject first = search("filter=" + enc("gt(attributes/n,0)") + "&option="
                + enc("sort(-attributes/n),size(1)") + "&fields=thingId");
        final String cursor = first.getValue("cursor").orElseThrow().asString();
        final java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(java.util.Base64.getUrlDecoder().decode(cursor));
        final byte[] json = new byte[1024];
        final int length = inflater.inflate(json);
        assertEquals(JsonFactory.newObject("{\"F\":\"gt(attributes/n,0)\",\"S\":\"sort(-/attributes/n,+/thingId)\","
                + "\"V\":[3,\"org.example:a\"]}"), JsonFactory.newObject(new String(json, 0, length,
                StandardCharsets.UTF_8)));
        assertFalse(cursor.contains("="), "base64url without padding");
        for (final String sort : List.of("sort(-attributes/n)", "sort(-attributes/n,+thingId)")) {
            final JsonObject next = search("option=" + enc(sort + ",size(1),cursor(" + cursor + ")")
                    + "&fields=thingId");
            assertEquals(List.of("org.other:c"), ids(next.getValue("items").orElseThrow().asArray().stream()
                    .map(JsonValue::asObject).toList()), sort);
        }
        final String byId = search("option=" + enc("sort(-thingId),size(1)")).getValue("cursor").orElseThrow()
                .asString();
        // equal up to the thingId key: what follows it does not matter
        assertEquals(200, get("/api/2/search/things?option=" + enc("sort(-thingId,+attributes/n),cursor(" + byId
                + ")")).statusCode());
        assertEquals(400, get("/api/2/search/things?option=" + enc("sort(+attributes/n),cursor(" + cursor + ")"))
                .statusCode());
    }

    /** ThingsSearchCursor.processSearchResult: nextPageOffset only on a first page without size(n). */
    @Test
    void nextPageOffsetAsDittoSendsIt() throws Exception {
        assertEquals(-1, search("fields=thingId").getValue("nextPageOffset").orElseThrow().asInt());
        final JsonObject sized = search("fields=thingId&option=" + enc("size(1)"));
        assertFalse(sized.contains("nextPageOffset"));
        final String cursor = sized.getValue("cursor").orElseThrow().asString();
        assertFalse(search("option=" + enc("cursor(" + cursor + ")")).contains("nextPageOffset"));
        for (int i = 0; i < 25; i++) {
            put("org.more:t" + i, "{}");
        }
        final JsonObject first = search("fields=thingId");
        assertEquals(25, first.getValue("nextPageOffset").orElseThrow().asInt());
        assertTrue(first.contains("cursor"));
    }

    /** QueryThingsPerRequestActor.getEntitiesWithSelectedFields: exactly the selected fields, parentheses included. */
    @Test
    void fieldsSelectExactlyTheSelectedFields() throws Exception {
        final List<JsonObject> found = items("filter=" + enc("eq(thingId,\"org.example:a\")") + "&fields="
                + enc("attributes/complex(x,z)"));
        assertEquals(List.of(JsonFactory.newObject("{\"attributes\":{\"complex\":{\"x\":1,\"z\":3}}}")), found);
    }

    /**
     * basic-search.md "RQL paging (deprecated)": limit(offset,count) still pages by offset in 3.9.6
     * (ParameterOptionVisitor), with nextPageOffset (MongoThingsSearchPersistence.toResultList) and no cursor
     * (ThingsSearchCursor.processSearchResult); with a cursor it is refused (LIMIT_OPTION_FORBIDDEN).
     */
    @Test
    void limitPagesByOffset() throws Exception {
        final JsonObject first = search("fields=thingId&option=" + enc("sort(+attributes/n),limit(0,2)"));
        assertEquals(List.of("org.example:b", "org.other:c"), ids(first.getValue("items").orElseThrow().asArray()
                .stream().map(JsonValue::asObject).toList()));
        assertEquals(2, first.getValue("nextPageOffset").orElseThrow().asLong());
        assertTrue(first.getValue("cursor").isEmpty());
        final JsonObject last = search("fields=thingId&option=" + enc("sort(+attributes/n),limit(2,2)"));
        assertEquals(List.of("org.example:a"), ids(last.getValue("items").orElseThrow().asArray().stream()
                .map(JsonValue::asObject).toList()));
        assertEquals(-1, last.getValue("nextPageOffset").orElseThrow().asLong());

        final String cursor = search("option=" + enc("size(1)")).getValue("cursor").orElseThrow().asString();
        final HttpResponse<String> both = get("/api/2/search/things?option=" + enc("limit(0,1),cursor(" + cursor
                + ")"));
        assertEquals(400, both.statusCode());
        assertEquals("thing-search:search.option.invalid", error(both));
    }

    /** InvalidOptionException: 400 thing-search:search.option.invalid for unknown options, bad sizes and sorts. */
    @Test
    void invalidOptionsGiveDittosError() throws Exception {
        for (final String option : List.of("size(0)", "size(201)", "size(x)", "sort(thingId)", "foo(1)",
                "cursor(!!)", "limit(0,201)", "limit(-1,2)", "limit(1)")) {
            final HttpResponse<String> response = get("/api/2/search/things?option=" + enc(option));
            assertEquals(400, response.statusCode(), option);
            assertEquals("thing-search:search.option.invalid", error(response), option);
        }
    }

    /** InvalidRqlExpressionException: 400 rql.expression.invalid for an unparsable filter, on search and count. */
    @Test
    void invalidFilterGivesDittosError() throws Exception {
        for (final String path : List.of("/api/2/search/things", "/api/2/search/things/count")) {
            final HttpResponse<String> response = get(path + "?filter=" + enc("eq(attributes/n"));
            assertEquals(400, response.statusCode(), response::body);
            assertEquals("rql.expression.invalid", error(response));
        }
    }

    /** ThingSearchRoute: POST with an application/x-www-form-urlencoded body, for search and count. */
    @Test
    void postTakesAFormBody() throws Exception {
        final String form = "filter=" + enc("eq(attributes/room,\"kitchen\")") + "&fields=thingId&option="
                + enc("sort(-thingId)");
        final HttpResponse<String> search = post("/api/2/search/things", form);
        assertEquals(200, search.statusCode(), search::body);
        assertEquals(List.of("org.other:c", "org.example:a"), ids(JsonFactory.newObject(search.body())
                .getValue("items").orElseThrow().asArray().stream().map(JsonValue::asObject).toList()));
        final HttpResponse<String> count = post("/api/2/search/things/count", "filter="
                + enc("eq(attributes/room,\"kitchen\")"));
        assertEquals("2", count.body());
    }

    /** Without fields: the things without their special fields; no cursor when everything fits. */
    @Test
    void withoutFieldsTheWholeThings() throws Exception {
        final JsonObject page = search("filter=" + enc("eq(thingId,\"org.other:c\")"));
        assertFalse(page.contains("cursor"));
        final JsonObject item = page.getValue("items").orElseThrow().asArray().get(0).orElseThrow().asObject();
        assertTrue(item.contains("attributes"));
        assertFalse(item.contains("_revision"));
    }

    private void put(final String id, final String body) throws Exception {
        final HttpResponse<String> response = Http.send(Http.request(ditto.get(), "/api/2/things/" + id, "ditto")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, response.statusCode(), response::body);
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return Http.send(Http.request(ditto.get(), path, "ditto").GET().build());
    }

    private HttpResponse<String> post(final String path, final String form) throws Exception {
        return Http.send(Http.request(ditto.get(), path, "ditto").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private JsonObject search(final String query) throws Exception {
        final HttpResponse<String> response = get("/api/2/search/things?" + query);
        assertEquals(200, response.statusCode(), response::body);
        return JsonFactory.newObject(response.body());
    }

    private List<JsonObject> items(final String query) throws Exception {
        return search(query).getValue("items").orElseThrow().asArray().stream().map(JsonValue::asObject).toList();
    }

    private static List<String> ids(final List<JsonObject> items) {
        return items.stream().map(t -> t.getValue("thingId").orElseThrow().asString()).toList();
    }

    private static String error(final HttpResponse<String> response) {
        return JsonFactory.newObject(response.body()).getValue("error").orElseThrow().asString();
    }

    private static String enc(final String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
