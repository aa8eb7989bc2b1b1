package io.twinbridge.gateway.codec;

import io.twinbridge.gateway.ditto.PreRenderedJsonObject;
import io.twinbridge.gateway.mapping.MergeWrite;
import io.twinbridge.gateway.mapping.TwinPatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A cross-check of {@link CodecBenchmark#mergePatchAndCondition},
 * {@link CodecBenchmark#mergePatchAndConditionDittoJsonTree} and the two {@link MergeCommandBenchmark} operations
 * for a shared machine: the same work on the same patches,
 * interleaved in rounds in one JVM, timed by the thread's CPU time (time descheduled by other processes' load is not
 * counted; cache and GC interference still is) and with the bytes the thread allocated per operation. Not a JMH
 * benchmark; see docs/benchmarks.md (issue 12 item 3).
 *
 * <p>Run: {@code java -cp gateway/target/benchmarks.jar io.twinbridge.gateway.codec.MergeWriteCpuTime}
 */
public final class MergeWriteCpuTime {
    private static final int OPS_PER_ROUND = 200_000;
    private static final int ROUNDS = 8;
    /** Keep results reachable so the JIT cannot drop the work. */
    private static volatile Object patchSink;
    private static volatile Object conditionSink;

    private record Op(String name, Runnable run) {
    }

    private MergeWriteCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        CodecBenchmark b = new CodecBenchmark();
        b.setUp();
        MergeCommandBenchmark wire = new MergeCommandBenchmark();
        wire.setUp();
        try {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            List<Op> ops = List.of(new Op("mergePatchAndCondition", () -> {
                MergeWrite write = b.nextPatch().mergeWrite(false);
                patchSink = PreRenderedJsonObject.of(write.featuresPatch());
                conditionSink = write.condition();
            }), new Op("mergePatchAndConditionDittoJsonTree", () -> {
                TwinPatch patch = b.nextPatch();
                patchSink = patch.toMergePatch().getValue("features").orElseThrow();
                conditionSink = CodecBenchmark.formerCondition(patch);
            }), new Op("mergeCommandWire", () -> patchSink = wire.mergeCommandWire()),
                    new Op("mergeCommandWireDittoJsonTree", () -> patchSink = wire.mergeCommandWireDittoJsonTree()));
            // the first rounds are warm-up; read the later ones
            for (int round = 0; round < ROUNDS; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (Op op : ops) {
                    long thread = Thread.currentThread().getId();
                    long cpu = threads.getCurrentThreadCpuTime();
                    long allocated = threads.getThreadAllocatedBytes(thread);
                    for (int i = 0; i < OPS_PER_ROUND; i++) {
                        op.run().run();
                    }
                    double cpuPerOp = (threads.getCurrentThreadCpuTime() - cpu) / (double) OPS_PER_ROUND;
                    double bytesPerOp = (threads.getThreadAllocatedBytes(thread) - allocated) / (double) OPS_PER_ROUND;
                    line.append(' ').append(op.name()).append('=').append(Math.round(cpuPerOp)).append(" CPU ns/op ")
                            .append(Math.round(bytesPerOp)).append(" B/op;");
                }
                System.out.println(line);
            }
        } finally {
            wire.tearDown();
            b.tearDown();
        }
    }
}
