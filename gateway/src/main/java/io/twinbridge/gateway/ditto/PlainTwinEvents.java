package io.twinbridge.gateway.ditto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.ditto.base.model.headers.DittoHeaderDefinition;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.eclipse.ditto.json.JsonValue;

/**
 * Reads the common twin event, a change that requests no acknowledgement, off the protocol JSON with Jackson's
 * streaming parser, without building Ditto's {@code DittoHeaders} and {@code Adaptable}: on the egress path that
 * construction (Ditto's {@code AbstractDittoHeadersBuilder} copies its header definitions per message) and the
 * parse of the whole message into Ditto's JSON tree cost most of the reading thread's time per event.
 *
 * <p>It takes only the form of Ditto's protocol examples ({@code things/events/*.json}, Ditto's "Protocol
 * specification" page): the fields {@code topic}, {@code headers}, {@code path}, {@code value}, {@code revision},
 * {@code timestamp}; a topic {@code <ns>/<name>/things/twin/events/<created|modified|merged|deleted>}; headers
 * {@code correlation-id}, {@code content-type} and headers Ditto does not define (which Ditto does not validate
 * either), all strings. Anything else (requested acknowledgements, other Ditto headers, other fields, another
 * topic, a placeholder namespace, a value it cannot read) gives {@code null}, and {@link TwinEvents} reads the
 * message through Ditto's protocol adapter as before. The value itself is parsed by Ditto's JSON parser from its own
 * text, so it is the same {@code JsonValue} the adapter gives. {@code TwinEventsTest} compares both on every form.
 */
final class PlainTwinEvents {
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final Set<String> ACTIONS = Set.of("created", "modified", "merged", "deleted");
    private static final String EVENTS = "/things/twin/events/";
    /** Paths parsed lately: Ditto parses a pointer with a regular expression, and a fleet's events use few paths. */
    private static final Map<String, JsonPointer> POINTERS = new ConcurrentHashMap<>();
    /** Past it, further paths are parsed every time (a fleet whose paths name each thing would fill it). */
    private static final int MAX_POINTERS = 1024;
    private static final String CORRELATION_ID = DittoHeaderDefinition.CORRELATION_ID.getKey();
    private static final String CONTENT_TYPE = DittoHeaderDefinition.CONTENT_TYPE.getKey();

    private PlainTwinEvents() {
    }

    /** The event, or null when the message is not of the plain form (then Ditto's adapter decides). */
    static TwinEvent parse(String text) {
        try (JsonParser parser = JACKSON.createParser(text)) {
            return read(parser, text);
        } catch (IOException | JsonRuntimeException | DateTimeParseException | IllegalArgumentException e) {
            // not the plain form (or not JSON at all): the adapter path gives the answer it always gave
            return null;
        }
    }

    private static TwinEvent read(JsonParser parser, String text) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String topic = null;
        String path = null;
        JsonValue value = null;
        Long revision = null;
        Instant timestamp = null;
        String correlationId = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken next = parser.nextToken();
            if (field.equals("headers")) {
                if (next != JsonToken.START_OBJECT) {
                    return null;
                }
                correlationId = headers(parser);
                if (correlationId == null) {
                    return null;
                }
                continue;
            }
            if (field.equals("value")) {
                value = value(parser, text);
                continue;
            }
            boolean string = next == JsonToken.VALUE_STRING;
            switch (field) {
                case "topic" -> topic = string ? parser.getText() : null;
                case "path" -> path = string ? parser.getText() : null;
                case "timestamp" -> timestamp = string ? instant(parser.getText()) : null;
                case "revision" -> revision = next == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                default -> {
                    return null;
                }
            }
            if (!string && !field.equals("revision")) {
                return null;
            }
        }
        if (parser.nextToken() != null || topic == null || path == null || revision == null) {
            return null;
        }
        // <namespace>/<name>/things/twin/events/<action>, read with indexOf rather than split into six strings
        int namespaceEnd = topic.indexOf('/');
        int nameEnd = topic.indexOf('/', namespaceEnd + 1);
        if (namespaceEnd <= 0 || nameEnd <= namespaceEnd + 1 || !topic.startsWith(EVENTS, nameEnd)
                || namespaceEnd == 1 && topic.charAt(0) == '_') {
            return null;
        }
        String action = topic.substring(nameEnd + EVENTS.length());
        if (!ACTIONS.contains(action)) {
            return null;
        }
        Optional<String> commandId = correlationId == null || correlationId.isEmpty() ? Optional.empty()
                : Optional.of(correlationId);
        String thingId = topic.substring(0, namespaceEnd) + ':' + topic.substring(namespaceEnd + 1, nameEnd);
        return new TwinEvent(thingId, action, pointer(path), Optional.ofNullable(value),
                revision, Optional.ofNullable(timestamp), commandId.map(CommandCorrelationIds::userVisible),
                Set.of(), TwinEvents.withoutSuffix(text, commandId), commandId);
    }

    /** {@link JsonPointer#of}, from the cache when the path was seen before. */
    static JsonPointer pointer(String path) {
        JsonPointer pointer = POINTERS.get(path);
        if (pointer == null) {
            pointer = JsonPointer.of(path);
            if (POINTERS.size() < MAX_POINTERS) {
                POINTERS.put(path, pointer);
            }
        }
        return pointer;
    }

    /**
     * The correlation id ("" when there is none), or null when a header is not of the plain form: not a string, an
     * empty correlation id (Ditto refuses it), or a header Ditto defines, types and validates besides
     * {@code correlation-id} and {@code content-type}.
     */
    private static String headers(JsonParser parser) throws IOException {
        String correlationId = "";
        for (JsonToken h = parser.nextToken(); h != JsonToken.END_OBJECT; h = parser.nextToken()) {
            String key = parser.currentName().toLowerCase(Locale.ROOT);
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            if (key.equals(CORRELATION_ID)) {
                correlationId = parser.getText();
                if (correlationId.isEmpty()) {
                    return null;
                }
            } else if (!key.equals(CONTENT_TYPE) && DittoHeaderDefinition.forKey(key).isPresent()) {
                return null;
            }
        }
        return correlationId;
    }

    /**
     * {@link Instant#parse}, as Ditto's {@code Payload} reads the timestamp, with a shortcut for the form Ditto
     * writes ({@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, UTC): {@code DateTimeFormatter}'s parse showed in the profile.
     * Any other form, or a field out of range, is left to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
                || length > 20 && (text.charAt(19) != '.' || length == 21)) {
            return Instant.parse(text);
        }
        int nanos = length > 20 ? digits(text, 20, length - 1) : 0;
        for (int i = length - 1; i < 29 && nanos > 0; i++) {
            nanos *= 10;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59
                || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return Instant.parse(text);
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** The number in {@code text[from, to)}, or a negative number if a character is no digit. */
    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The value, parsed by Ditto's parser from its own text (so of the very types the adapter gives). */
    private static JsonValue value(JsonParser parser, String text) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
        } else {
            parser.getText(); // finishes a string token, so that the location is past its closing quote
        }
        int end = (int) parser.currentLocation().getCharOffset();
        return org.eclipse.ditto.json.JsonFactory.readFrom(text.substring(start, end));
    }
}
