package io.twinbridge.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both formats really come out of the gateway's log4j2.xml, chosen by environment or by the config file. */
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void plainIsTheDefaultAndShowsTheFlowContext() throws Exception {
        List<String> lines = emit(Map.of());

        assertTrue(lines.get(0).endsWith("LogLineEmitter - before the config"), lines.get(0));
        String inFlow = lines.stream().filter(l -> l.contains("in a flow")).findFirst().orElseThrow();
        assertTrue(inFlow.contains(" tenant=acme thing=acme:WTG-001 cid=cid-42 - in a flow"), inFlow);
        String after = lines.stream().filter(l -> l.contains("after the flow")).findFirst().orElseThrow();
        assertFalse(after.contains("tenant="), "the flow's context leaked: " + after);
        assertTrue(lines.contains("java.lang.IllegalStateException: boom"), String.join("\n", lines));
    }

    @Test
    void environmentChoosesJsonFromTheFirstLine() throws Exception {
        List<JsonNode> events = parseAll(emit(Map.of(LogFormat.ENV, "json")));

        assertEquals(3, events.size(), events.toString());
        assertEquals("before the config", events.get(0).path("message").asText());
        JsonNode inFlow = events.get(1);
        assertEquals("in a flow", inFlow.path("message").asText());
        assertEquals("INFO", inFlow.path("log.level").asText());
        assertEquals(LogLineEmitter.class.getName(), inFlow.path("log.logger").asText());
        assertEquals("main", inFlow.path("process.thread.name").asText());
        assertTrue(inFlow.path("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), inFlow.toString());
        assertEquals("acme", inFlow.path("tenant").asText());
        assertEquals("acme:WTG-001", inFlow.path("thingId").asText());
        assertEquals("cid-42", inFlow.path("correlationId").asText());
        JsonNode after = events.get(2);
        assertFalse(after.hasNonNull("tenant"), "the flow's context leaked: " + after);
        assertFalse(after.hasNonNull("correlationId"), after.toString());
        assertEquals("java.lang.IllegalStateException", after.path("error.type").asText());
        assertEquals("boom", after.path("error.message").asText());
        assertTrue(after.path("error.stack_trace").asText().contains("LogLineEmitter.main"), after.toString());
    }

    @Test
    void configFileSwitchesToJsonOnceRead() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "log:\n  format: json\n",
                StandardCharsets.UTF_8);

        List<String> lines = emit(Map.of(), config.toString());

        assertTrue(lines.get(0).endsWith("LogLineEmitter - before the config"), lines.get(0));
        List<JsonNode> events = parseAll(lines.subList(1, lines.size()));
        assertEquals("in a flow", events.get(0).path("message").asText());
        assertEquals("cid-42", events.get(0).path("correlationId").asText());
        assertEquals("after the flow", events.get(1).path("message").asText());
    }

    /** Runs {@link LogLineEmitter} in a child JVM with the gateway's log4j2.xml and returns its stdout lines. */
    private List<String> emit(Map<String, String> env, String... args) throws IOException, InterruptedException,
            URISyntaxException {
        Path log4jXml = Path.of(Objects.requireNonNull(getClass().getClassLoader().getResource("log4j2.xml"))
                .toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // starts in half the time
                "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=" + log4jXml, LogLineEmitter.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TWINBRIDGE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "emitter did not finish");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    private static List<JsonNode> parseAll(List<String> lines) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));
        }
        return events;
    }
}
