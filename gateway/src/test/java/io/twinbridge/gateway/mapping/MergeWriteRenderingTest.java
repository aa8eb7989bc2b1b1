package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinbridge.gateway.model.FeatureModel;
import io.twinbridge.gateway.model.ModelRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.util.Utf8;
import org.eclipse.ditto.json.JsonFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link TwinPatch#mergeWrite(boolean)} writes the merge patch and the condition as text in one pass; ingest sends that
 * text to Ditto verbatim. It must say exactly what the ditto-json tree said before (issue 12 item 3): for random
 * patches of every layout (mapped samples, builder-made patches with uniform and non-uniform timestamps, slot-wise
 * coalesced patches), random keys that need JSON escaping or that ditto-json reads as pointers, and values of every
 * type the mapper or a builder can hold (numbers JSON cannot carry included), the patch text equals
 * {@code toMergePatch().getValue("features").toString()} character for character, parses back to the same JSON, and
 * the conditions equal the string concatenation TwinPatch used before.
 */
class MergeWriteRenderingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261206L;
    private static final int PATCHES_PER_KIND = 3_000;

    private enum Colour { RED, GREEN }

    /** The condition as TwinPatch built it before the one-pass writer (its former {@code condition(String)}). */
    private static String referenceCondition(TwinPatch patch, String comparison) {
        List<String> touched = new ArrayList<>(patch.featureIds());
        StringBuilder all = new StringBuilder(touched.size() * 120);
        if (touched.size() > 1) {
            all.append("and(");
        }
        for (int i = 0; i < touched.size(); i++) {
            String pointer = "features/" + touched.get(i) + "/properties/" + FeatureModel.SOURCE_TS;
            all.append(i == 0 ? "" : ",").append("or(not(exists(").append(pointer).append(")),").append(comparison)
                    .append('(').append(pointer).append(',').append(patch.featureSourceTimestamp(touched.get(i)))
                    .append("))");
        }
        return touched.size() > 1 ? all.append(')').toString() : all.toString();
    }

    /** What ThingWriter sent before: the ditto-json tree's {@code /features} value, rendered by ditto-json. */
    private static String referencePatch(TwinPatch patch) {
        return patch.toMergePatch().getValue("features").orElseThrow().toString();
    }

    private final Random random = new Random(SEED);
    private int parsedBack;
    private int notJson;
    private int refused;

    @Test
    void randomBuilderPatchesWithUniformAndNonUniformTimestampsRenderAsDittoJsonDid() {
        for (int i = 0; i < PATCHES_PER_KIND; i++) {
            boolean uniform = random.nextBoolean();
            long base = 1_700_000_000_000L + random.nextInt(1_000_000);
            TwinPatch.Builder builder = TwinPatch.builder("dev-" + i, base);
            int features = 1 + random.nextInt(5);
            for (int f = 0; f < features; f++) {
                String feature = key();
                int properties = random.nextInt(7);
                for (int p = 0; p < properties; p++) {
                    long ts = uniform ? base : base - 5_000 + random.nextInt(10_000);
                    builder.put(feature, key(), new TimedValue(value(0), ts));
                }
            }
            int round = i;
            check(() -> builder.build(), () -> "builder patch " + round);
        }
        assertCovered();
    }

    @Test
    void randomSlotPatchesAndTheirSlotWiseMergesRenderAsDittoJsonDid() {
        for (int i = 0; i < PATCHES_PER_KIND; i++) {
            List<String> slotFeatures = new ArrayList<>();
            List<String> slotProperties = new ArrayList<>();
            int features = 1 + random.nextInt(5);
            for (int f = 0; f < features; f++) {
                String feature = key();
                int properties = 1 + random.nextInt(6);
                for (int p = 0; p < properties; p++) {
                    slotFeatures.add(feature);
                    slotProperties.add(key());
                }
            }
            PatchLayout layout;
            try {
                layout = new PatchLayout(slotFeatures, slotProperties);
            } catch (IllegalArgumentException boundTwice) {
                continue; // the same key drawn twice for one feature: PatchLayout refuses it, and so does a binding
            }
            long ts = 1_700_000_000_000L + random.nextInt(1_000_000);
            TwinPatch earlier = TwinPatch.ofSample("dev-" + i, ts, layout, sparseValues(layout.slots()));
            TwinPatch later = TwinPatch.ofSample("dev-" + i, ts + random.nextInt(3) - 1, layout,
                    sparseValues(layout.slots()));
            int round = i;
            check(() -> earlier, () -> "slot patch " + round);
            // non-uniform timestamps per slot: the coalesced patch of two samples
            check(() -> earlier.mergeSameLayout(later).orElseThrow(), () -> "slot-wise merge " + round);
            check(() -> TwinPatchCoalescer.merge(earlier, TwinPatch.ofSample("dev-" + round, ts - 1, layout,
                    sparseValues(layout.slots()))), () -> "coalesced older sample " + round);
        }
        assertCovered();
    }

    @Test
    void mappedEventsOfEveryKindAndTheirCoalescedPatchesRenderAsDittoJsonDid() {
        TelemetryMappers mappers = TelemetryMappers.compile(ModelRegistry.fromClasspath());
        Map<String, Supplier<Map<String, Object>>> kinds = Map.of("TurbineTelemetry", SampleEvents::turbine,
                "RobotTelemetry", SampleEvents::robot, "HvacTelemetry", SampleEvents::hvac,
                "VehicleTelemetry", SampleEvents::vehicle);
        kinds.forEach((schema, sample) -> {
            TwinPatch first = mappers.map(SampleEvents.event(schema, sample.get())).value();
            Map<String, Object> laterEvent = sample.get();
            SampleEvents.with(laterEvent, "timestamp", first.sourceTimestamp() + 1_000);
            TwinPatch later = mappers.map(SampleEvents.event(schema, laterEvent)).value();
            check(() -> first, () -> schema);
            check(() -> TwinPatchCoalescer.merge(first, later), () -> schema + " coalesced");
        });
        assertTrue(parsedBack >= 8, "every mapped patch parsed back");
    }

    @Test
    void anEmptyPatchIsAnEmptyObjectWithAnEmptyCondition() {
        TwinPatch empty = TwinPatch.builder("dev", 1L).build();
        assertEquals(new MergeWrite("{}", ""), empty.mergeWrite(false));
        assertEquals(referencePatch(empty), empty.mergeWrite(false).featuresPatch());
    }

    @Test
    void escapingFollowsDittoJsonsCharEscaper() {
        TwinPatch patch = TwinPatch.builder("dev", 5L)
                .put("f\"1", "p\\\n\u0001\u001f\u007fé😀", "\b\f\r\t/~\u2028").build();
        assertEquals("{\"f\\\"1\":{\"properties\":{\"p\\\\\\n\\u0001\\u001F\u007fé😀\":\"\\b\\f\\r\\t/~\u2028\","
                + "\"sourceTs\":5}}}", patch.mergeWrite(false).featuresPatch());
        assertEquals(referencePatch(patch), patch.mergeWrite(false).featuresPatch());
    }

    @Test
    void aHugePatchThenSmallOnesOnOneThreadAndWritesOnManyThreadsStayExact() throws Exception {
        TwinPatch.Builder huge = TwinPatch.builder("dev", 7L);
        for (int i = 0; i < 2_000; i++) {
            huge.put("f" + (i % 7), "property" + i, "value " + i);
        }
        TwinPatch big = huge.build();
        TwinPatch small = TwinPatch.builder("dev", 8L).put("rotor", "speed", 1.5).build();
        // the per-thread builders grow past what they keep for the huge one; the next write must not see its rest
        assertEquals(referencePatch(big), big.mergeWrite(false).featuresPatch());
        assertEquals(new MergeWrite(referencePatch(small), referenceCondition(small, "lt")), small.mergeWrite(false));
        assertEquals(new MergeWrite(referencePatch(small), referenceCondition(small, "le")), small.mergeWrite(true));

        List<TwinPatch> patches = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            patches.add(TwinPatch.builder("dev-" + i, i).put("f" + i, "p", i).put("g", "q" + i, text()).build());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (TwinPatch patch : patches) {
                    results.add(threads.submit(() -> patch.mergeWrite(false).equals(
                            new MergeWrite(referencePatch(patch), referenceCondition(patch, "lt")))));
                }
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Renders {@code patch} (or both fail alike) and compares with the ditto-json tree and the former condition. */
    private void check(Callable<TwinPatch> make, Supplier<String> what) {
        TwinPatch patch;
        try {
            patch = make.call();
        } catch (Exception e) {
            throw new AssertionError(what.get() + ": cannot build", e);
        }
        String expectedPatch;
        try {
            expectedPatch = referencePatch(patch);
        } catch (RuntimeException treeRefused) {
            // e.g. an empty key or one with '//': the one-pass writer must refuse it the same way
            refused++;
            try {
                patch.mergeWrite(false);
                fail(what.get() + ": ditto-json refused " + patch + " with " + treeRefused + ", the writer did not");
            } catch (RuntimeException writerRefused) {
                assertEquals(treeRefused.getClass(), writerRefused.getClass(), what.get());
            }
            return;
        }
        MergeWrite fresh = patch.mergeWrite(false);
        MergeWrite redelivery = patch.mergeWrite(true);
        assertEquals(expectedPatch, fresh.featuresPatch(), what.get());
        assertEquals(expectedPatch, redelivery.featuresPatch(), what.get());
        assertEquals(referenceCondition(patch, "lt"), fresh.condition(), what.get());
        assertEquals(referenceCondition(patch, "le"), redelivery.condition(), what.get());
        assertEquals(fresh.condition(), patch.freshnessCondition(), what.get());
        assertEquals(redelivery.condition(), patch.redeliveryCondition(), what.get());
        JsonNode expectedTree = jsonOrNull(expectedPatch);
        if (expectedTree == null) {
            // NaN or Infinity: not JSON, in the tree's text as in ours (PropertyCheck keeps them out of mapped patches)
            notJson++;
            return;
        }
        assertEquals(expectedTree, jsonOrNull(fresh.featuresPatch()), what.get());
        assertEquals(JsonFactory.newObject(expectedPatch), JsonFactory.newObject(fresh.featuresPatch()), what.get());
        parsedBack++;
    }

    private static JsonNode jsonOrNull(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            assertNotNull(node);
            return node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void assertCovered() {
        assertTrue(parsedBack > PATCHES_PER_KIND / 2, "most patches parsed back: " + parsedBack);
        assertTrue(notJson > 0, "some patches carried NaN or Infinity: " + notJson);
        assertTrue(refused > 0, "some keys were refused by ditto-json: " + refused);
    }

    private Object[] sparseValues(int slots) {
        Object[] values = new Object[slots];
        for (int slot = 0; slot < slots; slot++) {
            values[slot] = random.nextInt(4) == 0 ? null : value(0);
        }
        return values;
    }

    /** Mostly identifiers; sometimes characters to escape, non-ASCII, '/' and '~', a leading '/', sourceTs, empty. */
    private String key() {
        int kind = random.nextInt(40);
        if (kind == 0) {
            return "/" + identifier();
        } else if (kind == 1) {
            return FeatureModel.SOURCE_TS;
        } else if (kind == 2) {
            return "";
        } else if (kind == 3) {
            return "/" + identifier() + "//" + identifier();
        } else if (kind < 12) {
            return text();
        }
        return identifier();
    }

    private String identifier() {
        String[] words = {"rotor", "speed", "temperature", "x", "pitchAngle", "joint_3", "a-b", "ÄÖ"};
        return words[random.nextInt(words.length)] + (random.nextBoolean() ? "" : random.nextInt(100));
    }

    private static final char[] TEXT_CHARS = ("abcXYZ019 \"\\/~\b\f\n\r\t\u0000\u0001\u001f\u007f\u0080é€\u2028"
            + "\uD83D\uDE00\uD800").toCharArray();

    private String text() {
        int length = 1 + random.nextInt(8);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(TEXT_CHARS[random.nextInt(TEXT_CHARS.length)]);
        }
        return out.toString();
    }

    private Object value(int depth) {
        switch (random.nextInt(depth < 2 ? 16 : 15)) {
            case 0: return random.nextInt();
            case 1: return random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1000);
            case 2: return Double.longBitsToDouble(random.nextLong()); // any bit pattern, NaNs included
            case 3: return specialDouble();
            case 4: return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5: return random.nextFloat() * 100;
            case 6: return (short) random.nextInt();
            case 7: return (byte) random.nextInt();
            case 8: return new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(6));
            case 9: return BigInteger.valueOf(random.nextLong()).multiply(BigInteger.valueOf(random.nextLong()));
            case 10: return random.nextBoolean();
            case 11: return text();
            case 12: return new Utf8(text());
            case 13: return random.nextBoolean() ? Colour.RED : Colour.GREEN;
            case 14: return identifier();
            default: return list(depth + 1);
        }
    }

    private Object specialDouble() {
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1e21, 1e-7,
            1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 100.0, 0.1, 12345678.9, -3.5e-5};
        return specials[random.nextInt(specials.length)];
    }

    private List<Object> list(int depth) {
        Object[] items = new Object[random.nextInt(4)];
        for (int i = 0; i < items.length; i++) {
            items[i] = value(depth);
        }
        return Arrays.asList(items);
    }
}
