package io.twinbridge.gateway.ditto;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.common.DittoDuration;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The Ditto Protocol message of a twin {@code MergeThing}, rendered as text in one pass.
 *
 * <p>Why: ingest sends one merge per coalesced write, and going through ditto-client's model (the {@code MergeThing}
 * signal, a {@code DittoHeaders} builder with its header validation, the protocol adapter's {@code toAdaptable} and
 * ditto-json's rendering of the envelope) was about 70 % of the ingest pipeline thread's time in a JFR profile of
 * {@code bench ingest}'s latency phase. The message is the same JSON the adapter produced:
 * {@code MergeCommandTextTest} compares it with {@code DittoProtocolAdapter.toAdaptable(MergeThing.of(..))} for
 * every header the gateway sets. The shape is Ditto's protocol specification for a merge
 * (Ditto 3.9.6 docs {@code protocol-specification-things-merge.md}: topic
 * {@code <namespace>/<name>/things/twin/commands/merge}, {@code content-type: application/merge-patch+json}, the
 * path, and the patch as the value).
 */
public final class MergeCommandText {
    private MergeCommandText() {
    }

    /**
     * @param patchJson the merge patch as JSON text (a value's {@code toString()} in ditto-json)
     * @param condition Ditto's {@code condition} header (RQL), if any
     * @param requestedAcks Ditto's {@code requested-acks}; empty leaves Ditto's default (twin-persisted)
     */
    public static String render(ThingId thingId, JsonPointer path, String patchJson, String correlationId,
                                Duration timeout, Optional<String> condition, List<String> requestedAcks) {
        StringBuilder text = new StringBuilder(160 + patchJson.length()
                + condition.map(String::length).orElse(0));
        text.append("{\"topic\":");
        string(text, thingId.getNamespace() + "/" + thingId.getName() + "/things/twin/commands/merge");
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
        text.append(",\"content-type\":\"application/merge-patch+json\"},\"path\":");
        string(text, path.toString());
        text.append(",\"value\":").append(patchJson).append('}');
        return text.toString();
    }

    /** A JSON string literal, escaped as ditto-json escapes it. */
    private static void string(StringBuilder text, String value) {
        text.append(JsonValue.of(value));
    }
}
