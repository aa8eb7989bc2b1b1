package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.eclipse.ditto.json.JsonFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What docs/clients.md tells a client in another language holds: the CRC-64-AVRO fingerprint of every schema in
 * {@code schemas/} (Parsing Canonical Form of exactly that file, logicalType dropped), and the union branch a desired
 * number takes in {@code DeviceCommand.parameters}.
 */
class ClientDocsTest {
    private static final Path DOC = Path.of("..", "docs", "clients.md");
    private static final Path SCHEMAS = Path.of("..", "schemas");
    /** A row of the fingerprint table: full name, file, fingerprint as a hex long, the 8 bytes on the wire. */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([\\w.]+)` \\| `schemas/([\\w]+\\.avsc)` \\| `([0-9a-f]{16})` \\| `((?:[0-9a-f]{2} ){7}[0-9a-f]{2})` \\|",
            Pattern.MULTILINE);

    @Test
    void everySchemaHasItsFingerprintInTheDocs() throws IOException {
        Map<String, String[]> documented = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (row.find()) {
            documented.put(row.group(2), new String[] {row.group(1), row.group(3), row.group(4)});
        }
        int schemas = 0;
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
                String[] doc = documented.get(file.getFileName().toString());
                assertTrue(doc != null, "docs/clients.md has no fingerprint row for schemas/" + file.getFileName());
                assertEquals(schema.getFullName(), doc[0], file.toString());
                assertEquals(String.format("%016x", fingerprint), doc[1], "fingerprint of " + file);
                assertEquals(littleEndian(fingerprint), doc[2], "wire bytes of " + file);
                schemas++;
            }
        }
        assertEquals(schemas, documented.size(), "a documented schema that is not in schemas/: " + documented.keySet());
    }

    @Test
    void theCanonicalFormLeavesLogicalTypeOut() throws IOException {
        Schema event = new Schema.Parser().parse(SCHEMAS.resolve("TwinChangeEvent.avsc").toFile());
        String canonical = SchemaNormalization.toParsingForm(event);
        assertFalse(canonical.contains("logicalType"), canonical);
        assertTrue(canonical.contains("{\"name\":\"timestamp\",\"type\":\"long\"}"), canonical);
        assertTrue(Files.readString(DOC, StandardCharsets.UTF_8).contains(canonical),
                "docs/clients.md quotes TwinChangeEvent's canonical form");
    }

    @ParameterizedTest(name = "desired {0} -> {1}")
    @CsvSource({"21, long", "21.5, double", "\"AUTO\", string"})
    void aDesiredValueTakesTheDocumentedUnionBranch(String json, String branch) throws IOException {
        Schema command = new Schema.Parser().parse(SCHEMAS.resolve("DeviceCommand.avsc").toFile());
        Schema union = command.getField("parameters").schema().getValueType();
        DesiredPropertyCommands commands = DesiredPropertyCommands.compile(ModelRegistry.fromClasspath());
        String property = json.startsWith("\"") ? "fanMode" : "targetTemperature";
        Object value = FeatureValues.toJava(JsonFactory.readFrom(json)).orElseThrow();

        Result<DesiredCommand> result = commands.toCommand("hvac", "setpoints", property, value);
        Object parameter = TwinRecords.avroParameter(result.value());

        assertEquals(branch, union.getTypes().get(GenericData.get().resolveUnion(union, parameter)).getName());
    }

    private static String littleEndian(long fingerprint) {
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            bytes.append(i == 0 ? "" : " ").append(String.format("%02x", (fingerprint >>> (8 * i)) & 0xff));
        }
        return bytes.toString();
    }
}
