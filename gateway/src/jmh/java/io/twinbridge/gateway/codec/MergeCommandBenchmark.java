package io.twinbridge.gateway.codec;

import io.twinbridge.gateway.ditto.PreRenderedJsonObject;
import io.twinbridge.gateway.mapping.MergeWrite;
import io.twinbridge.gateway.mapping.TwinPatch;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.HeaderTranslator;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 12 item 3, the whole client-side cost of one ingest merge up to the text ditto-client writes to its
 * WebSocket: the patch and condition, the headers as {@code DittoClientAdapter.headers} sets them, {@code MergeThing},
 * the protocol adapter, and the envelope as {@code MessagingProvider.emitAdaptable} renders it. Once with the
 * pre-rendered patch ingest now sends, once with the ditto-json tree it sent before. Not measured: the WebSocket
 * write and the response correlation.
 */
public class MergeCommandBenchmark extends AverageNanosBenchmark {
    private static final DittoProtocolAdapter PROTOCOL = DittoProtocolAdapter.of(HeaderTranslator.empty());
    private static final JsonPointer FEATURES = JsonPointer.of("/features");
    private static final ThingId THING = ThingId.of("acme:WTG-07");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CodecBenchmark records = new CodecBenchmark();
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        records.setUp();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        records.tearDown();
    }

    private String wire(JsonValue patch, String condition) {
        DittoHeaders headers = DittoHeaders.newBuilder().correlationId("c-" + sequence++ + "#1")
                .responseRequired(true).timeout(TIMEOUT).condition(condition).build();
        MergeThing merge = MergeThing.of(THING, FEATURES, patch, headers);
        return ProtocolFactory.wrapAsJsonifiableAdaptable(PROTOCOL.toAdaptable(merge)).toJsonString();
    }

    @Benchmark
    public String mergeCommandWire() {
        MergeWrite write = records.nextPatch().mergeWrite(false);
        return wire(PreRenderedJsonObject.of(write.featuresPatch()), write.condition());
    }

    @Benchmark
    public String mergeCommandWireDittoJsonTree() {
        TwinPatch patch = records.nextPatch();
        return wire(patch.toMergePatch().getValue("features").orElseThrow(), CodecBenchmark.formerCondition(patch));
    }
}
