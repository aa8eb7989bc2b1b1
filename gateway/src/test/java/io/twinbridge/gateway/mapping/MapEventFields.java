package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.codec.EventFields;
import io.twinbridge.gateway.codec.FieldPath;
import java.util.Map;

/** Test double: event fields backed by nested maps, as a codec would expose a decoded record. */
final class MapEventFields implements EventFields {
    private final Map<String, Object> root;

    MapEventFields(Map<String, Object> root) {
        this.root = root;
    }

    @Override
    public Object get(FieldPath path) {
        Object current = root;
        for (int i = 0; i < path.size(); i++) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(path.segment(i));
        }
        return current;
    }
}
