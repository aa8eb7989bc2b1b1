package io.twinbridge.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 13.6: {@code ./twinbridge run} logs at INFO on stdout as docs/operations.md says, although the launcher's
 * own log4j2.xml (WARN, first on the class path) keeps the demo quiet. Runs the launcher as its own process with the
 * production class path order (launcher classes before the gateway's; the test folders, whose log4j2-test.xml would
 * win over both, left out), against a Kafka and a Ditto that are not there: the gateway starts anyway and says so at
 * INFO.
 */
@Tag("flow")
class RunLoggingTest {
    @Test
    void runLogsTheGatewaysInfoLinesOnStdout() throws Exception {
        Path out = Files.createTempFile("run-stdout", ".log");
        Path err = Files.createTempFile("run-stderr", ".log");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-cp", classPath, Launcher.class.getName(), "run")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TWINBRIDGE_"));
        env.put("TWINBRIDGE_HTTP_PORT", "0");
        env.put("TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + unusedPort());
        env.put("TWINBRIDGE_DITTO_ENDPOINT", "ws://127.0.0.1:" + unusedPort() + "/ws/2");
        env.put("TWINBRIDGE_DITTO_CONNECT_TIMEOUT", "1s");
        env.put("TWINBRIDGE_DASHBOARD_ENABLED", "false");
        Process run = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> read(out).contains("TwinBridge gateway listening"));
            String stdout = read(out);
            assertTrue(stdout.contains(" INFO "), stdout);
            assertFalse(read(err).contains("TwinBridge gateway listening"), "the INFO line belongs on stdout");
        } finally {
            run.destroy();
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
