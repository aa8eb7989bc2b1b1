package io.twinbridge.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class AvroFieldsTest {
    private static final FieldPath INNER_Y = FieldPath.parse("inner.y");

    private static GenericData.Record withInner(String name, boolean yFirst, double y) {
        SchemaBuilder.FieldAssembler<Schema> inner = SchemaBuilder.record(name + "Inner").fields();
        inner = yFirst ? inner.requiredDouble("y").requiredDouble("z") : inner.requiredDouble("z").requiredDouble("y");
        Schema innerSchema = inner.endRecord();
        Schema schema = SchemaBuilder.record(name).fields().requiredString("pad")
                .name("inner").type(innerSchema).noDefault().endRecord();
        GenericData.Record nested = new GenericData.Record(innerSchema);
        nested.put("y", y);
        nested.put("z", -1.0);
        GenericData.Record record = new GenericData.Record(schema);
        record.put("pad", new Utf8("p"));
        record.put("inner", nested);
        return record;
    }

    @Test
    void onePathServesRecordsOfDifferentSchemasAlternately() {
        GenericData.Record a = withInner("A", true, 1.0);
        GenericData.Record b = withInner("B", false, 2.0);

        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, new AvroFields(a).get(INNER_Y));
            assertEquals(2.0, new AvroFields(b).get(INNER_Y));
        }
        assertEquals("p", new AvroFields(a).get(FieldPath.parse("pad")));
        assertNull(new AvroFields(a).get(FieldPath.parse("inner.nope")));
        assertNull(new AvroFields(a).get(FieldPath.parse("pad.deeper")));
    }

    @Test
    void pathsThroughUnionsOfRecordsFollowTheBranchActuallyWritten() {
        Schema first = SchemaBuilder.record("First").fields().requiredInt("v").requiredInt("w").endRecord();
        Schema second = SchemaBuilder.record("Second").fields().requiredInt("w").requiredInt("v").endRecord();
        Schema outer = SchemaBuilder.record("Outer").fields().name("u").type().unionOf().nullType().and()
                .type(first).and().type(second).endUnion().nullDefault().endRecord();
        FieldPath uv = FieldPath.parse("u.v");

        for (Schema branch : List.of(first, second, first)) {
            GenericData.Record inner = new GenericData.Record(branch);
            inner.put("v", 7);
            inner.put("w", 8);
            GenericData.Record record = new GenericData.Record(outer);
            record.put("u", inner);
            assertEquals(7, new AvroFields(record).get(uv), branch.getName());
        }
        GenericData.Record empty = new GenericData.Record(outer);
        assertNull(new AvroFields(empty).get(uv));
    }

    @Test
    void mapsBecomeStringKeyedMaps() {
        Schema schema = SchemaBuilder.record("M").fields().name("m").type().map().values().stringType().noDefault()
                .endRecord();
        GenericData.Record record = new GenericData.Record(schema);
        record.put("m", Map.of(new Utf8("k"), new Utf8("v")));

        assertEquals(Map.of("k", "v"), new AvroFields(record).get(FieldPath.parse("m")));
    }
}
