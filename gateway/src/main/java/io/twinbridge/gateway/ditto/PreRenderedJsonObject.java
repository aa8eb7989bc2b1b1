package io.twinbridge.gateway.ditto;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonFieldDefinition;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.json.SerializationContext;

/**
 * A JSON object given as its JSON text, parsed only if something reads it. Its {@code toString()} is the text itself.
 *
 * <p>Why: ingest writes its merge patch as text ({@code TwinPatch.mergeWrite}), and the adapter renders the merge
 * message as text too ({@link ThingCommandText}, which takes the patch's {@code toString()}). So on ingest's path the
 * text goes onto the wire verbatim and no ditto-json tree of the patch is ever built. Where the value does go through
 * ditto-json (a {@code MergeThing} built elsewhere), ditto-json writes a field's value with the value's
 * {@code toString()} ({@code ImmutableJsonField.toString}, {@code ImmutableJsonifiableAdaptable.toJson},
 * {@code ImmutablePayload.toJson}), and {@code MergeThing} only asks it for {@code getUpperBoundForStringSize()} and
 * {@code toString()} ({@code MergeThing.checkJsonSize}), so the text is still not parsed. Any other reader (a test
 * double, a CBOR serialisation) gets the parsed object.
 *
 * <p>Equality is by JSON content with any {@link JsonObject}; ditto-json's own objects compare equal only to their
 * own class, so compare with this object on the left, or compare {@link #parsed()}.
 */
public final class PreRenderedJsonObject implements JsonObject {
    private final String json;
    private volatile JsonObject parsed;

    private PreRenderedJsonObject(String json) {
        this.json = json;
    }

    /** @param json a JSON object's text; not checked here, only when (and if) it is parsed */
    public static PreRenderedJsonObject of(String json) {
        return new PreRenderedJsonObject(Objects.requireNonNull(json, "json"));
    }

    /** The object as ditto-json parses the text; parsed once, on first use. */
    public JsonObject parsed() {
        JsonObject object = parsed;
        if (object == null) {
            object = JsonFactory.newObject(json);
            parsed = object;
        }
        return object;
    }

    /** Whether something parsed the text already (for tests). */
    boolean isParsed() {
        return parsed != null;
    }

    @Override
    public String toString() {
        return json;
    }

    @Override
    public long getUpperBoundForStringSize() {
        return json.length();
    }

    @Override
    public boolean isObject() {
        return true;
    }

    @Override
    public JsonObject asObject() {
        return this;
    }

    @Override
    public boolean isNull() {
        return false;
    }

    @Override
    public boolean isBoolean() {
        return false;
    }

    @Override
    public boolean isNumber() {
        return false;
    }

    @Override
    public boolean isInt() {
        return false;
    }

    @Override
    public boolean isLong() {
        return false;
    }

    @Override
    public boolean isDouble() {
        return false;
    }

    @Override
    public boolean isString() {
        return false;
    }

    @Override
    public boolean isArray() {
        return false;
    }

    @Override
    public boolean asBoolean() {
        return parsed().asBoolean();
    }

    @Override
    public int asInt() {
        return parsed().asInt();
    }

    @Override
    public long asLong() {
        return parsed().asLong();
    }

    @Override
    public double asDouble() {
        return parsed().asDouble();
    }

    @Override
    public String asString() {
        return parsed().asString();
    }

    @Override
    public JsonArray asArray() {
        return parsed().asArray();
    }

    @Override
    public void writeValue(SerializationContext serializationContext) throws IOException {
        parsed().writeValue(serializationContext);
    }

    @Override
    public JsonObject setValue(CharSequence key, int value) {
        return parsed().setValue(key, value);
    }

    @Override
    public JsonObject setValue(CharSequence key, long value) {
        return parsed().setValue(key, value);
    }

    @Override
    public JsonObject setValue(CharSequence key, double value) {
        return parsed().setValue(key, value);
    }

    @Override
    public JsonObject setValue(CharSequence key, boolean value) {
        return parsed().setValue(key, value);
    }

    @Override
    public JsonObject setValue(CharSequence key, String value) {
        return parsed().setValue(key, value);
    }

    @Override
    public JsonObject setValue(CharSequence key, JsonValue value) {
        return parsed().setValue(key, value);
    }

    @Override
    public <T> JsonObject set(JsonFieldDefinition<T> fieldDefinition, T value) {
        return parsed().set(fieldDefinition, value);
    }

    @Override
    public JsonObject set(JsonField field) {
        return parsed().set(field);
    }

    @Override
    public JsonObject setAll(Iterable<JsonField> jsonFields) {
        return parsed().setAll(jsonFields);
    }

    @Override
    public boolean contains(CharSequence key) {
        Optional<Optional<JsonMembers.Member>> member = topLevelMember(key);
        return member.isPresent() ? member.get().isPresent() : parsed().contains(key);
    }

    @Override
    public JsonObject get(JsonPointer pointer) {
        return parsed().get(pointer);
    }

    @Override
    public JsonObject get(JsonFieldDefinition<?> fieldDefinition) {
        return parsed().get(fieldDefinition);
    }

    @Override
    public JsonObject get(JsonFieldSelector fieldSelector) {
        return parsed().get(fieldSelector);
    }

    @Override
    public Optional<JsonValue> getValue(CharSequence key) {
        Optional<Optional<JsonMembers.Member>> member = topLevelMember(key);
        return member.isPresent()
                ? member.get().map(m -> JsonFactory.readFrom(json.substring(m.start(), m.end())))
                : parsed().getValue(key);
    }

    /**
     * A top-level field read from the text alone ({@link JsonMembers}), while nothing has parsed it yet: empty when
     * this is not such a read (a pointer, an odd key, text {@link JsonMembers} does not read), else the member, if
     * any. The writer asks a new thing for its id before it creates it, and parsing the thing for that was a fifth of
     * ingest's pipeline thread during a cold start (JFR, {@code bench ingest}).
     */
    private Optional<Optional<JsonMembers.Member>> topLevelMember(CharSequence key) {
        if (parsed != null || key instanceof JsonPointer) {
            return Optional.empty();
        }
        String name = key.toString();
        // ditto-json reads a String key as a JSON pointer: only a key without '/' (and '~', the pointer's escape) is
        // one top-level field; a JsonKey always is
        if (!(key instanceof JsonKey) && (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('~') >= 0)) {
            return Optional.empty();
        }
        return JsonMembers.of(json).map(members -> JsonMembers.last(members, name));
    }

    @Override
    public <T> Optional<T> getValue(JsonFieldDefinition<T> fieldDefinition) {
        return parsed().getValue(fieldDefinition);
    }

    @Override
    public <T> T getValueOrThrow(JsonFieldDefinition<T> fieldDefinition) {
        return parsed().getValueOrThrow(fieldDefinition);
    }

    @Override
    public JsonObject remove(CharSequence key) {
        return parsed().remove(key);
    }

    @Override
    public List<JsonKey> getKeys() {
        return parsed().getKeys();
    }

    @Override
    public Optional<JsonField> getField(CharSequence key) {
        return parsed().getField(key);
    }

    @Override
    public JsonObject filter(Predicate<JsonField> predicate) {
        return parsed().filter(predicate);
    }

    @Override
    public boolean isEmpty() {
        return parsed().isEmpty();
    }

    @Override
    public int getSize() {
        return parsed().getSize();
    }

    @Override
    public Stream<JsonField> stream() {
        return parsed().stream();
    }

    @Override
    public Iterator<JsonField> iterator() {
        return parsed().iterator();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o instanceof PreRenderedJsonObject other) {
            return json.equals(other.json) || parsed().equals(other.parsed());
        }
        return o instanceof JsonObject other && parsed().equals(other);
    }

    @Override
    public int hashCode() {
        return parsed().hashCode();
    }
}
