package io.twinbridge.sandbox.ditto.twin;

import java.util.List;

import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/** Field selectors as Ditto's things service applies them to a thing. */
public final class FieldSelectors {

    private FieldSelectors() {
    }

    /**
     * {@code features/*}{@code /...} selects that path in every feature of the thing
     * ({@code ThingsModelFactory.expandFeatureIdWildcards}, as Ditto's {@code RetrieveThingStrategy} does).
     */
    public static JsonFieldSelector expandFeatureWildcards(final JsonFieldSelector fields, final JsonObject thing) {
        if (fields.getPointers().stream().noneMatch(p -> p.getLevelCount() > 1
                && p.get(1).filter(ThingsModelFactory.FEATURE_ID_WILDCARD::equals).isPresent())) {
            return fields;
        }
        final List<JsonKey> featureIds = thing.getValue("features").filter(JsonValue::isObject)
                .map(f -> f.asObject().getKeys()).orElse(List.of());
        return ThingsModelFactory.expandFeatureIdWildcards(featureIds, fields);
    }
}
