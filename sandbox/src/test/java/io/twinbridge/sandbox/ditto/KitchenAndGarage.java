package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.eclipse.ditto.json.JsonObject;

/**
 * A fixture of the event filter tests: two things, {@code kitchen-1} in a room named as the test likes and
 * {@code garage-1} in the garage, watched by a subscriber whose events carry {@code attributes/location} as an extra
 * field (Ditto's {@code extraFields}) so that the filter can select on it.
 */
final class KitchenAndGarage {

    private KitchenAndGarage() {
    }

    /**
     * Creates both things, starts the subscriber's events with {@code extraFields=attributes/location} and
     * {@code filter}, sets {@code attributes/temp} to 2 on garage-1 (correlation id g1), then on kitchen-1 (k1).
     * Asserts that the filter let kitchen-1's event through and held garage-1's back, and returns kitchen-1's event.
     */
    static JsonObject kitchenEventOnly(final WsTestClient writer, final WsTestClient subscriber,
            final String kitchenLocation, final String filter) {
        writer.apply("kitchen-1", "create", "/", "{\"attributes\":{\"location\":\"" + kitchenLocation
                + "\",\"temp\":1}}", "c1");
        writer.apply("garage-1", "create", "/", "{\"attributes\":{\"location\":\"garage\",\"temp\":1}}", "c2");
        subscriber.startSendEvents("extraFields=" + Http.encoded("attributes/location") + "&filter="
                + Http.encoded(filter));
        writer.apply("garage-1", "modify", "/attributes/temp", "2", "g1");
        writer.apply("kitchen-1", "modify", "/attributes/temp", "2", "k1");
        final JsonObject event = subscriber.awaitCorrelated("k1");
        assertFalse(subscriber.gotEvent("g1"), "the garage's event was filtered out");
        return event;
    }
}
