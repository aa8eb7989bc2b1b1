package io.twinbridge.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldPathTest {

    /** A path begins with another when the other's segments begin it, whole segments only; it begins itself. */
    @Test
    void startsWithComparesWholeSegments() {
        FieldPath speed = FieldPath.parse("rotor.speedRpm");
        assertTrue(speed.startsWith(FieldPath.parse("rotor")) && speed.startsWith(speed));
        assertFalse(FieldPath.parse("rotor").startsWith(speed), "a prefix does not begin with the longer path");
        assertFalse(speed.startsWith(FieldPath.parse("rotor.speed")), "a part of a segment is no prefix");
        assertFalse(FieldPath.parse("rotorX.speedRpm").startsWith(FieldPath.parse("rotor")));
    }
}
