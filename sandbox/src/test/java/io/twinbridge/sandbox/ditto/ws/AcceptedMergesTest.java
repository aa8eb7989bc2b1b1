package io.twinbridge.sandbox.ditto.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.junit.jupiter.api.Test;

/**
 * A twin merge at {@code /features} that differs from an accepted one only in its (accepted) thing, its properties'
 * scalars, correlation id and condition gets the headers Ditto's protocol adapter and header checks give it
 * ({@code WebSocketRoute.buildSignal}, {@code ThingModifyCommandAckRequestSetter}); anything else still goes through
 * them, with their refusals.
 */
class AcceptedMergesTest {

    private static Adaptable merge(final String thing, final int n, final String headers) {
        return ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(
                "{\"topic\":\"acme/" + thing + "/things/twin/commands/merge\",\"headers\":{"
                        + "\"correlation-id\":\"m-" + n + "\",\"condition\":\"lt(features/accepted-merges/properties/"
                        + "ts," + n + ")\",\"content-type\":\"application/merge-patch+json\"" + headers + "},"
                        + "\"path\":\"/features\",\"value\":{\"accepted-merges\":{\"properties\":{\"ts\":" + n
                        + ",\"v\":" + (n * 0.5) + "}}}}"));
    }

    @Test
    void aMergeLikeAnAcceptedOneGetsTheHeadersTheAdapterGives() {
        for (final String headers : new String[] {"", ",\"response-required\":false",
                ",\"requested-acks\":[\"twin-persisted\",\"custom:label\"]", ",\"timeout\":\"3s\""}) {
            WsCommandHeaders.of(merge("am-1", 1, headers));
            WsCommandHeaders.of(merge("am-2", 2, headers));
            for (int n = 3; n < 6; n++) {
                final Adaptable again = merge("am-" + (n % 2 + 1), n, headers);
                final String key = AcceptedMerges.key(again, FeaturesPatchShapes.shapeOf(again).orElseThrow());
                assertTrue(AcceptedMerges.known(again, key).isPresent(), headers);
                assertEquals(WsCommandHeaders.throughAdapter(again), WsCommandHeaders.of(again), headers);
            }
        }
    }

    @Test
    void aThingNotAcceptedBeforeGoesThroughTheAdapter() {
        WsCommandHeaders.of(merge("am-3", 1, ""));
        final Adaptable other = merge("am-never-seen", 2, "");
        final String key = AcceptedMerges.key(other, FeaturesPatchShapes.shapeOf(other).orElseThrow());
        assertEquals(java.util.Optional.empty(), AcceptedMerges.known(other, key));
        assertEquals(WsCommandHeaders.throughAdapter(other), WsCommandHeaders.of(other));
    }

    @Test
    void otherHeadersStillGetDittosRefusals() {
        WsCommandHeaders.of(merge("am-4", 1, ""));
        // acknowledgements without response: StreamingSessionActor.checkForAcksWithoutResponse
        final Adaptable acksWithoutResponse = merge("am-4", 2,
                ",\"response-required\":false,\"requested-acks\":[\"custom:label\"]");
        final DittoRuntimeException expected = assertThrows(DittoRuntimeException.class,
                () -> WsCommandHeaders.throughAdapter(acksWithoutResponse));
        assertEquals(expected.toJson(), assertThrows(DittoRuntimeException.class,
                () -> WsCommandHeaders.of(acksWithoutResponse)).toJson());
        // timeout 0 with a response: AcknowledgementAggregatorActorStarter.isTimeoutHeaderInvalid
        final Adaptable zeroTimeout = merge("am-4", 3, ",\"timeout\":\"0\",\"response-required\":true");
        assertEquals("header.invalid", assertThrows(DittoRuntimeException.class,
                () -> WsCommandHeaders.of(zeroTimeout)).getErrorCode());
        // the wrong content type: ThingMergeCommandMappingStrategies.checkContentTypeHeader
        final Adaptable json = merge("am-4", 4, "").setDittoHeaders(DittoHeaders.newBuilder().correlationId("c")
                .contentType("application/json").build());
        final DittoRuntimeException expectedType = assertThrows(DittoRuntimeException.class,
                () -> WsCommandHeaders.throughAdapter(json));
        assertEquals(expectedType.toJson(), assertThrows(DittoRuntimeException.class,
                () -> WsCommandHeaders.of(json)).toJson());
    }
}
