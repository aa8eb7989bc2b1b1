package io.twinbridge.gateway.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;

/**
 * A cross-check of {@link CodecBenchmark} for a shared machine: the same operations, interleaved in rounds in one
 * JVM, timed by the thread's CPU time rather than wall time, so time spent descheduled by other processes' load
 * is not counted (cache and GC interference still is). Not a JMH benchmark; see docs/benchmarks.md.
 *
 * <p>Run: {@code java -cp gateway/target/benchmarks.jar io.twinbridge.gateway.codec.CodecCpuTime}
 */
public final class CodecCpuTime {
    private static final int OPS_PER_ROUND = 2_000_000;
    private static final int ROUNDS = 6;
    /** Keeps results reachable so the JIT cannot drop the work. */
    private static volatile Object sink;

    private record Op(String name, Supplier<?> run) {
    }

    private CodecCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        CodecBenchmark b = new CodecBenchmark();
        b.setUp();
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            List<Op> ops = List.of(new Op("bareAvroGenericDatumReader", () -> bare(b)),
                    new Op("singleObjectDecode", b::singleObjectDecode),
                    new Op("singleObjectDecodeValidateMap", b::singleObjectDecodeValidateMap),
                    new Op("confluentDecode", b::confluentDecode),
                    new Op("confluentDecodeValidateMap", b::confluentDecodeValidateMap));
            // the first rounds are warm-up; read the later ones
            for (int round = 0; round < ROUNDS; round++) {
                StringBuilder line = new StringBuilder("round " + round + " (CPU ns/op):");
                for (Op op : ops) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < OPS_PER_ROUND; i++) {
                        sink = op.run().get();
                    }
                    double perOp = (threads.getCurrentThreadCpuTime() - start) / (double) OPS_PER_ROUND;
                    line.append(' ').append(op.name()).append('=').append(Math.round(perOp));
                }
                System.out.println(line);
            }
        } finally {
            b.tearDown();
        }
    }

    private static Object bare(CodecBenchmark b) {
        try {
            return b.bareAvroGenericDatumReader();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
