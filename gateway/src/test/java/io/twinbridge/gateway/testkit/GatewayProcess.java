package io.twinbridge.gateway.testkit;

import io.twinbridge.gateway.Main;
import java.io.File;
import java.nio.file.Path;

/**
 * A gateway as a child process of the test's JVM (its {@link Main} on this classpath), for tests that kill it the way
 * an orchestrator would (SIGKILL); its output goes to {@code log}. The caller adds the environment and starts it.
 */
public final class GatewayProcess {
    private GatewayProcess() {
    }

    public static ProcessBuilder builder(Path log) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
    }
}
