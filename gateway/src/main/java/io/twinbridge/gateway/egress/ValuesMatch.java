package io.twinbridge.gateway.egress;

import org.eclipse.ditto.json.JsonValue;

/** Whether a reported value is the desired one: numbers by value (21 equals 21.0), anything else by JSON equality. */
final class ValuesMatch {
    private ValuesMatch() {
    }

    static boolean same(JsonValue desired, JsonValue reported) {
        if (desired.isNumber() && reported.isNumber()) {
            return Double.compare(desired.asDouble(), reported.asDouble()) == 0;
        }
        return desired.equals(reported);
    }
}
