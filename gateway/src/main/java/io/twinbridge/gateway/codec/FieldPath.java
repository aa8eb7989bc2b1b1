package io.twinbridge.gateway.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dotted path to a field of a decoded event, e.g. {@code rotor.speedRpm}, split once so that lookups on the hot path
 * do no string work.
 */
public final class FieldPath {
    private final String dotted;
    private final String[] segments;
    /**
     * Field positions of this path in the Avro schema it was last resolved against. Paths are compiled once and used
     * on every record of one schema, so this turns each lookup into array indexing. Racy by design: the holder is
     * immutable, and a lost update only costs a re-resolution.
     */
    private volatile AvroPositions avroPositions;

    /** {@code positions} empty: the path is not in the schema; {@code byName}: it crosses a union, walk by name. */
    record AvroPositions(org.apache.avro.Schema schema, int[] positions, boolean byName) {
    }

    private FieldPath(String dotted, String[] segments) {
        this.dotted = dotted;
        this.segments = segments;
    }

    public static FieldPath parse(String dotted) {
        Objects.requireNonNull(dotted, "dotted");
        if (dotted.isEmpty() || dotted.startsWith(".") || dotted.endsWith(".") || dotted.contains("..")) {
            throw new IllegalArgumentException("not a field path: '" + dotted + "'");
        }
        return new FieldPath(dotted, dotted.split("\\."));
    }

    AvroPositions avroPositions() {
        return avroPositions;
    }

    void avroPositions(AvroPositions resolved) {
        this.avroPositions = resolved;
    }

    public int size() {
        return segments.length;
    }

    public String segment(int i) {
        return segments[i];
    }

    /** Whether {@code prefix}'s segments begin this path's (a path begins itself). */
    public boolean startsWith(FieldPath prefix) {
        int n = prefix.segments.length;
        return n <= segments.length && Arrays.equals(segments, 0, n, prefix.segments, 0, n);
    }

    public String dotted() {
        return dotted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && Arrays.equals(segments, other.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segments);
    }

    @Override
    public String toString() {
        return dotted;
    }
}
