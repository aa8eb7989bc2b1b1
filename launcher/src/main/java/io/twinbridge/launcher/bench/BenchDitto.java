package io.twinbridge.launcher.bench;

import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxMain;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;

/**
 * The Ditto sandbox a benchmark writes to: in the benchmark's JVM, or in a JVM of its own, as a real Ditto always is.
 * In its own JVM the sandbox's garbage (ditto-json builds and renders objects eagerly: about 160 KB per command) no
 * longer pauses the gateway under test; both still share the machine's cores.
 */
interface BenchDitto extends AutoCloseable {

    String httpUrl();

    String wsUrl();

    /** The thing as stored, read as the {@code ditto} user. */
    Optional<JsonObject> thing(String thingId);

    @Override
    void close() throws Exception;

    static BenchDitto inProcess() {
        DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
        return new BenchDitto() {
            @Override
            public String httpUrl() {
                return sandbox.httpUrl();
            }

            @Override
            public String wsUrl() {
                return sandbox.wsUrl();
            }

            @Override
            public Optional<JsonObject> thing(String thingId) {
                return sandbox.store().thing(org.eclipse.ditto.things.model.ThingId.of(thingId)).map(t -> t.json());
            }

            @Override
            public void close() {
                sandbox.close();
            }
        };
    }

    /**
     * Extra JVM flags for the sandbox's JVM, for a measurement of it: {@code -Dtwinbridge.bench.sandboxJvmFlags=...},
     * separated by spaces (e.g. {@code -Xlog:gc:file=/tmp/sandbox-gc.log}).
     */
    static List<String> sandboxJvmFlags() {
        String flags = System.getProperty("twinbridge.bench.sandboxJvmFlags", "").trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    /** {@link SandboxMain} as a child JVM with {@code heap}, on a free loopback port; returns once it answers. */
    static BenchDitto process(String heap) throws IOException, InterruptedException {
        // the gateway under test keeps its -Xmx; the sandbox gets its own heap and the JVM's default collector (G1), as
        // ./twinbridge runs it. With the serial collector its full collections (about 0.5 s each, every few seconds at
        // 5,000 merges/s: ditto-json keeps parsed objects behind soft references, which fill the old generation) made
        // the tail of the latency phase: p99 at 1,000 events/s was 332 and 342 ms with it, 131 and 106 ms without
        // (docs/benchmarks.md)
        int port = FaultsBenchmark.freePort();
        Path logDir = Files.createTempDirectory("twinbridge-bench-sandbox");
        ChildProcess child = ChildProcess.javaWithFlags("sandbox", heap, sandboxJvmFlags(), SandboxMain.class.getName(),
                List.of("--port", Integer.toString(port)), Map.of(), logDir);
        child.start();
        String http = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("ditto:ditto".getBytes(StandardCharsets.UTF_8));
        BenchDitto ditto = new BenchDitto() {
            @Override
            public String httpUrl() {
                return http;
            }

            @Override
            public String wsUrl() {
                return "ws://127.0.0.1:" + port + "/ws/2";
            }

            @Override
            public Optional<JsonObject> thing(String thingId) {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create(http + "/api/2/things/" + thingId)).header("Authorization", auth)
                            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 404) {
                        return Optional.empty();
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("GET " + thingId + ": " + response.statusCode());
                    }
                    return Optional.of(JsonFactory.newObject(response.body()));
                } catch (IOException e) {
                    throw new IllegalStateException("GET " + thingId + " failed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }

            @Override
            public void close() throws InterruptedException, IOException {
                child.stop(Duration.ofSeconds(20));
                IngestBenchmark.deleteRecursively(logDir);
            }
        };
        try {
            FaultsBenchmark.waitFor("the sandbox", Duration.ofMinutes(2), () -> answers(client, http));
        } catch (RuntimeException e) {
            // the sandbox's log stays in logDir, to say why it did not answer
            child.stop(Duration.ofSeconds(20));
            throw e;
        }
        return ditto;
    }

    private static boolean answers(HttpClient client, String http) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(http + "/health")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
