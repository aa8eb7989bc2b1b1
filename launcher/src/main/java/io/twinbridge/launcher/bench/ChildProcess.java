package io.twinbridge.launcher.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One part of the fault suite (broker, sandbox or a gateway) as a JVM of its own, on this machine's class path, its
 * output in a log file. It can be sent SIGKILL, SIGSTOP and SIGCONT (Linux and macOS: {@code kill}).
 */
final class ChildProcess {
    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    private ChildProcess(String name, List<String> command, Map<String, String> env, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /** A JVM running {@code mainClass} with {@code args}, {@code -Xmx} heap and the extra environment. */
    static ChildProcess java(String name, String heap, String mainClass, List<String> args, Map<String, String> env,
                             Path logDir) {
        return java(name, heap, List.of(), mainClass, args, env, logDir);
    }

    /** The same with extra JVM flags, e.g. {@code -Dlog4j2.configurationFile=...}. */
    static ChildProcess java(String name, String heap, List<String> jvmFlags, String mainClass, List<String> args,
                             Map<String, String> env, Path logDir) {
        List<String> flags = new ArrayList<>(jvmFlags);
        flags.add("-XX:+UseSerialGC");
        return javaWithFlags(name, heap, flags, mainClass, args, env, logDir);
    }

    /** A JVM with the JVM's own collector, as {@code ./twinbridge} runs a command: for a measurement of one part. */
    static ChildProcess javaWithFlags(String name, String heap, List<String> jvmFlags, String mainClass,
                                      List<String> args, Map<String, String> env, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return new ChildProcess(name, command, env, logDir.resolve(name + ".log"));
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Starts (or starts again, appending to the same log). */
    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " runs already");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the suite's own TWINBRIDGE_* variables must not leak into the parts
        builder.environment().keySet().removeIf(key -> key.startsWith("TWINBRIDGE_"));
        builder.environment().putAll(env);
        process = builder.start();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until the process ends by itself and returns its exit code; after {@code timeout} it is killed. */
    int awaitExit(java.time.Duration timeout) throws InterruptedException {
        Process p = current();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException(name + " did not end within " + timeout + "; killed");
        }
        return p.exitValue();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        Process p = current();
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
        }
    }

    /**
     * Stops each of {@code processes} in the given order (SIGTERM, SIGKILL after 20 s); a failure to stop one is
     * printed and the others are still stopped.
     */
    static void stopAll(java.util.List<ChildProcess> processes, java.io.PrintStream out) {
        for (ChildProcess process : processes) {
            try {
                process.stop(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                out.println("stopping " + process + " failed: " + e);
            }
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    void stop(Duration grace) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        signal(p, "CONT");
        p.destroy();
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    void pause() throws IOException, InterruptedException {
        signal(current(), "STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal(current(), "CONT");
    }

    private synchronized Process current() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    private static void signal(Process p, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + " (needs a Unix-like system)", e);
        }
    }

    @Override
    public String toString() {
        return name + " (log " + log + ")";
    }

}
