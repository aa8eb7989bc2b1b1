package io.twinbridge.sandbox.ditto.events;

import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseOptions;
import org.eclipse.ditto.things.model.InvalidThingFieldSelectionException;

/**
 * Ditto 3.9.6's {@code ThingFieldSelector.fromString}, which checks {@code extraFields} of a WebSocket subscription
 * and {@code fields} and {@code extraFields} of an SSE stream: only thing fields may be selected
 * ({@code SELECTABLE_FIELDS}, which in 3.9 include {@code _context} and {@code _metadata/...}, unlike the 2.4.0
 * class), unless the selection holds a placeholder; else 400 {@code things:field.selection.invalid}.
 */
public final class ThingFieldSelection {

    private static final JsonParseOptions PARSE_OPTIONS = JsonFactory.newParseOptionsBuilder()
            .withoutUrlDecoding().build();
    private static final List<String> SELECTABLE_FIELDS = List.of("thingId", "policyId", "definition",
            "_namespace", "_revision", "_created", "_modified", "_metadata(/[^,]+)?", "_policy", "_context",
            "_context(/[^,]+)?", "features(/[^,]+)?", "attributes(/[^,]+)?");
    private static final String KNOWN_FIELDS = "/?(" + String.join("|", SELECTABLE_FIELDS) + ")";
    private static final Pattern SELECTION = Pattern.compile("^" + KNOWN_FIELDS + "(," + KNOWN_FIELDS + ")*$");

    private ThingFieldSelection() {
    }

    /** @throws InvalidThingFieldSelectionException for a selection of anything but thing fields */
    public static JsonFieldSelector parse(final String selection) {
        final JsonFieldSelector fields = JsonFactory.newFieldSelector(selection, PARSE_OPTIONS);
        final String selected = fields.toString();
        // Placeholders.containsAnyPlaceholder: a selection with a placeholder cannot be checked
        if (selected.contains("{{") || SELECTION.matcher(selected).matches()) {
            return fields;
        }
        throw InvalidThingFieldSelectionException.fromJson(JsonObject.newBuilder()
                .set("message", "Thing field selection <" + selected + "> was not valid.")
                .set("description", "Please provide a comma separated List of valid Thing fields. Make sure that "
                        + "you did not use a space after a comma. Valid Fields are: " + SELECTABLE_FIELDS)
                .build(), DittoHeaders.empty());
    }
}
