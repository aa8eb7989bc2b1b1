package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/operations.md lists every option of {@code ./twinbridge simulate} with its variable, so the two cannot drift. */
class SimulateDocsTest {

    @Test
    void everyOptionAndItsVariableHaveARowInTheOperationsGuide() throws Exception {
        Path docs = Path.of("..", "docs", "operations.md");
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        SimulateOptions.ENV.forEach((flag, variable) -> assertTrue(
                text.lines().anyMatch(line -> line.startsWith("| `" + flag) && line.contains("| `" + variable + "` |")),
                () -> "docs/operations.md, \"Simulated telemetry\", lacks the row of " + flag + " / " + variable));
    }

    @Test
    void theGeneratedHelpNamesEveryOptionWithItsVariable() {
        CapturedConsole io = new CapturedConsole();
        assertEquals(ExitCodes.OK, Launcher.withAllCommands().run(List.of("simulate", "--help"), io.console()));
        assertEquals(10, SimulateOptions.ENV.size(), "every option of simulate has its variable");
        SimulateOptions.ENV.forEach((flag, variable) -> assertTrue(io.out().contains(flag)
                && io.out().contains(variable), () -> flag + " / " + variable + " in " + io.out()));
    }
}
