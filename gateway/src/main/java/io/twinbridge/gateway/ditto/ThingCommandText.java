package io.twinbridge.gateway.ditto;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.common.DittoDuration;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The Ditto Protocol messages of ingest's twin commands, {@code MergeThing} and {@code CreateThing}, rendered as text
 * in one pass.
 *
 * <p>Why: ingest sends one merge per coalesced write and one create per new device, and going through ditto-client's
 * model (the signal, a {@code DittoHeaders} builder with its header validation, the protocol adapter's
 * {@code toAdaptable} and ditto-json's rendering of the envelope; for a create also {@code ThingsModelFactory}
 * parsing the whole thing) was about 70 % of the ingest pipeline thread's time in a JFR profile of
 * {@code bench ingest}'s latency phase. The messages are the same JSON the protocol adapter produced:
 * {@code ThingCommandTextTest} compares them with {@code DittoProtocolAdapter.toAdaptable(..)} of the signal for
 * every header the gateway sets. The shapes are Ditto's protocol specification (Ditto 3.9.6 docs
 * {@code protocol-specification-things-merge.md}: topic {@code <namespace>/<name>/things/twin/commands/merge},
 * {@code content-type: application/merge-patch+json}, the path and the patch as the value;
 * {@code protocol-specification-things-create-or-modify.md}: topic {@code .../commands/create}, path {@code /}, the
 * thing as the value).
 */
public final class ThingCommandText {
    private ThingCommandText() {
    }

    /**
     * @param patchJson the merge patch as JSON text (a value's {@code toString()} in ditto-json)
     * @param condition Ditto's {@code condition} header (RQL), if any
     * @param requestedAcks Ditto's {@code requested-acks}; empty leaves Ditto's default (twin-persisted)
     */
    public static String merge(ThingId thingId, JsonPointer path, String patchJson, String correlationId,
                               Duration timeout, Optional<String> condition, List<String> requestedAcks) {
        StringBuilder text = envelope(thingId, "merge", patchJson.length(), correlationId, timeout, condition,
                requestedAcks);
        text.append(",\"content-type\":\"application/merge-patch+json\"},\"path\":");
        string(text, path.toString());
        return text.append(",\"value\":").append(patchJson).append('}').toString();
    }

    /** @param thingJson the new thing as a JSON object's text, with its {@code thingId} and no {@code _namespace} */
    public static String create(ThingId thingId, String thingJson, String correlationId, Duration timeout,
                                Optional<String> condition, List<String> requestedAcks) {
        StringBuilder text = envelope(thingId, "create", thingJson.length(), correlationId, timeout, condition,
                requestedAcks);
        text.append(",\"content-type\":\"application/json\"},\"path\":\"/\",\"value\":{\"_namespace\":");
        // the thing as the protocol adapter renders it (Thing.toJson with its special field _namespace first)
        string(text, thingId.getNamespace());
        String fields = thingJson.substring(1).strip();
        if (!fields.equals("}")) {
            text.append(',');
        }
        return text.append(fields).append('}').toString();
    }

    /** The topic and the headers every command has, the headers' object left open. */
    private static StringBuilder envelope(ThingId thingId, String action, int valueLength, String correlationId,
                                          Duration timeout, Optional<String> condition, List<String> requestedAcks) {
        StringBuilder text = new StringBuilder(200 + valueLength + condition.map(String::length).orElse(0));
        text.append("{\"topic\":");
        string(text, thingId.getNamespace() + "/" + thingId.getName() + "/things/twin/commands/" + action);
        text.append(",\"headers\":{\"correlation-id\":");
        string(text, correlationId);
        text.append(",\"response-required\":true,\"timeout\":");
        string(text, DittoDuration.of(timeout).toString());
        if (condition.isPresent()) {
            text.append(",\"condition\":");
            string(text, condition.get());
        }
        if (!requestedAcks.isEmpty()) {
            // Ditto's header value is a JSON array of labels
            text.append(",\"requested-acks\":[");
            for (int i = 0; i < requestedAcks.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                string(text, requestedAcks.get(i));
            }
            text.append(']');
        }
        return text;
    }

    /** A JSON string literal, escaped as ditto-json escapes it. */
    private static void string(StringBuilder text, String value) {
        text.append(JsonValue.of(value));
    }
}
