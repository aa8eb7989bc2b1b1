package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import static io.twinbridge.launcher.bench.IngestBenchmark.round3;
import static io.twinbridge.launcher.bench.IngestBenchmark.seconds;

import io.twinbridge.gateway.mapping.MergeWrite;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * {@code ./twinbridge bench sandbox}: the Ditto sandbox alone, fed as the gateway's ingest feeds it. {@code things}
 * turbine twins under the tenant policy the gateway renders for {@code acme}; then {@code merges} conditional merges
 * over {@code sessions} WebSocket sessions (one thing always through the same session, so its merges stay in order),
 * each one a turbine event's {@link TwinPatch}: five features, eleven properties, and the patch's own freshness
 * condition ({@code and(or(not(exists(…/sourceTs)),lt(…/sourceTs,t)),…)}), at most {@code inFlight} unanswered per
 * session. The client is a bare Vert.x WebSocket that writes prepared Ditto Protocol text, so that the figure is
 * the sandbox's, not a client library's. A first tenth of the merges warms the JIT and is not counted.
 */
public final class SandboxBenchmark {
    static final String TENANT = BenchTenant.ID;
    private static final String USER = BenchTenant.USER;
    private static final String[][] TURBINE = {
            {"rotor", "speed", "pitchAngle"},
            {"generator", "power", "temperature"},
            {"nacelle", "yaw", "vibration"},
            {"environment", "windSpeed", "windDirection", "ambientTemperature"},
            {"status", "state", "faultCode"}};

    /** The source timestamp of the event each twin is created with; the merges carry later ones. */
    private static final long FIRST_SOURCE_TS = 1_700_000_000_000L;

    /** The run's shape. */
    public record Options(long merges, int things, int sessions, int inFlight) {
        public static Options defaults() {
            return new Options(200_000, 10_000, 4, 64);
        }
    }

    private final Options options;
    private final PrintStream out;
    private WebSocketClient client;

    public SandboxBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Map<String, Object> run() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            return run(sandbox);
        }
    }

    /** Runs against a sandbox that someone else started (e.g. the ingest benchmark's), with fresh twins. */
    public Map<String, Object> run(DittoSandbox sandbox) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<Session> sessions = connect(vertx, sandbox.port());
            String policyId = createPolicy(sessions.get(0));
            // the commands are rendered before the clock starts: the figure is the sandbox's, not the client's
            List<List<String>> creates = createCommands(sessions.size(), policyId);
            long createCpuStart = processCpuNanos();
            long createAllocatedStart = allocatedBytes();
            long createStart = System.nanoTime();
            createThings(sessions, creates);
            double createElapsed = seconds(System.nanoTime() - createStart);
            double createCpu = seconds(processCpuNanos() - createCpuStart);
            long createAllocated = allocatedBytes() - createAllocatedStart;
            long warmup = Math.max(1, options.merges() / 10);
            long[] sourceTs = new long[options.things()];
            java.util.Arrays.fill(sourceTs, FIRST_SOURCE_TS);
            merge(sessions, warmup, sourceTs);
            long cpuStart = processCpuNanos();
            long allocatedStart = allocatedBytes();
            long start = System.nanoTime();
            long failed = merge(sessions, options.merges(), sourceTs);
            double elapsed = seconds(System.nanoTime() - start);
            double cpu = seconds(processCpuNanos() - cpuStart);
            long allocated = allocatedBytes() - allocatedStart;
            double rate = options.merges() / elapsed;
            out.printf("sandbox: %,d conditional merges over %d sessions (%,d things, %d in flight each) in %.1f s: "
                    + "%,.0f merges/s; %,d not answered 204%n", options.merges(), options.sessions(),
                    options.things(), options.inFlight(), elapsed, rate, failed);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("merges", options.merges());
            result.put("things", options.things());
            result.put("sessions", options.sessions());
            result.put("inFlightPerSession", options.inFlight());
            result.put("seconds", round3(elapsed));
            result.put("sandboxMergesPerSec", Math.round(rate));
            // on a shared machine the wall-clock rate depends on the others' load; CPU per merge does much less
            // (it includes this benchmark's own client, which runs in the same process)
            result.put("processCpuMicrosPerMerge", Math.round(cpu * 1e6 / options.merges()));
            // heap bytes the JVM's threads allocated per merge: a measure of the work that the others' load on a
            // shared machine does not inflate, as it does the CPU time (client included, as for the CPU)
            result.put("allocatedBytesPerMerge", allocated / options.merges());
            result.put("lost", failed);
            // the creation of the twins before: cold (no warm-up), as the cold start of an ingest meets it
            result.put("createSeconds", round3(createElapsed));
            result.put("sandboxCreatesPerSec", Math.round(options.things() / createElapsed));
            result.put("processCpuMicrosPerCreate", Math.round(createCpu * 1e6 / options.things()));
            result.put("allocatedBytesPerCreate", createAllocated / options.things());
            result.put("cores", Runtime.getRuntime().availableProcessors());
            for (Session s : sessions) {
                s.socket.close();
            }
            return result;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private List<Session> connect(Vertx vertx, int port) throws Exception {
        // a field: Vert.x closes a client, and its sockets, once it is garbage collected (runs stalled at random)
        client = vertx.createWebSocketClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + USER)
                .getBytes(StandardCharsets.UTF_8));
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < options.sessions(); i++) {
            WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                    .setURI("/ws/2").addHeader("Authorization", basic);
            // connected from within one event-loop context, every session reads and writes on that one thread
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Session> session = new CompletableFuture<>();
            context.runOnContext(v -> client.connect(connect)
                    .onSuccess(socket -> session.complete(new Session(socket, context)))
                    .onFailure(session::completeExceptionally));
            sessions.add(session.get(30, TimeUnit.SECONDS));
        }
        return sessions;
    }

    private String createPolicy(Session session) throws Exception {
        Set<String> features = new java.util.TreeSet<>();
        for (String[] feature : TURBINE) {
            features.add(feature[0]);
        }
        TenantPolicy policy = BenchTenant.policy(features);
        session.call(List.of(command(policy.policyId(), "policies", "create", "create-policy", policy.json(), "", "")))
                .get(60, TimeUnit.SECONDS);
        return policy.policyId();
    }

    /** The CreateThing commands of each session: thing {@code t} goes through session {@code t % sessions}. */
    private List<List<String>> createCommands(int sessions, String policyId) {
        List<List<String>> perSession = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            List<String> creates = new ArrayList<>();
            for (int t = s; t < options.things(); t += sessions) {
                creates.add(command(thingId(t), "things/twin", "create", "create-" + t, newThing(t, policyId),
                        "", ""));
            }
            perSession.add(creates);
        }
        return perSession;
    }

    private void createThings(List<Session> sessions, List<List<String>> creates) throws Exception {
        List<CompletableFuture<Long>> done = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            done.add(sessions.get(s).call(creates.get(s)));
        }
        for (CompletableFuture<Long> d : done) {
            long failed = d.get(10, TimeUnit.MINUTES);
            if (failed > 0) {
                throw new IllegalStateException(failed + " things could not be created");
            }
        }
    }

    /**
     * A twin as the gateway's {@code ThingProvisioner} creates it: definition, attributes, the referenced tenant
     * policy, and the features of its first event (the turbine patch at {@link #FIRST_SOURCE_TS}).
     */
    private JsonObject newThing(int thing, String policyId) {
        return JsonObject.newBuilder()
                .set("thingId", thingId(thing))
                .set("definition", "https://models.example.com/turbine-1.0.0.jsonld")
                .set("attributes", JsonObject.newBuilder().set("tenant", TENANT).set("model", "turbine")
                        .set("modelVersion", "1.0.0").build())
                .set("features", org.eclipse.ditto.json.JsonFactory.readFrom(
                        turbinePatch(thing, FIRST_SOURCE_TS, 0).featuresPatch()))
                .set("policyId", policyId)
                .build();
    }

    /** Sends {@code count} merges round robin over the things; returns how many were not answered with 204. */
    private long merge(List<Session> sessions, long count, long[] sourceTs) throws Exception {
        List<CompletableFuture<Long>> done = new ArrayList<>();
        int k = sessions.size();
        for (int s = 0; s < k; s++) {
            final int session = s;
            long share = count / k + (s < count % k ? 1 : 0);
            long owned = (options.things() - s + k - 1) / k;
            done.add(sessions.get(s).stream(share, i -> {
                int thing = (int) (session + k * (i % owned));
                long ts = ++sourceTs[thing];
                return mergeCommand(thing, ts, i);
            }));
        }
        long failed = 0;
        for (int s = 0; s < k; s++) {
            while (true) {
                try {
                    failed += done.get(s).get(10, TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException slow) {
                    out.println("session " + s + ": " + sessions.get(s).progress());
                }
            }
        }
        return failed;
    }

    /** One turbine event as the gateway's ThingWriter sends it: the patch's merge JSON and freshness condition. */
    private String mergeCommand(int thing, long ts, long i) {
        // as ThingWriter sends it since the pre-rendered merge write: the features patch at /features, as text
        MergeWrite write = turbinePatch(thing, ts, i);
        String id = thingId(thing);
        int colon = id.indexOf(':');
        return "{\"topic\":\"" + id.substring(0, colon) + "/" + id.substring(colon + 1)
                + "/things/twin/commands/merge\",\"headers\":{\"correlation-id\":\"m-" + thing + "-" + ts
                + "\",\"response-required\":true,\"condition\":" + JsonValue.of(write.condition())
                + ",\"content-type\":\"application/merge-patch+json\"},\"path\":\"/features\",\"value\":"
                + write.featuresPatch() + "}";
    }

    private static MergeWrite turbinePatch(int thing, long ts, long i) {
        TwinPatch.Builder patch = TwinPatch.builder("bench-" + thing, ts);
        int v = (int) (i % 1000);
        for (String[] feature : TURBINE) {
            for (int p = 1; p < feature.length; p++) {
                Object value = feature[0].equals("status") ? (p == 1 ? "RUNNING" : (Object) 0) : (Object) (v * 0.5 + p);
                patch.put(feature[0], feature[p], value);
            }
        }
        return patch.build().mergeWrite(false);
    }

    private static String thingId(int i) {
        return TENANT + ":bench-" + i;
    }

    private static String command(String entityId, String group, String action, String correlationId,
            JsonValue value, String condition, String contentType) {
        int colon = entityId.indexOf(':');
        JsonObject headers = JsonObject.newBuilder().set("correlation-id", correlationId)
                .set("response-required", true).build();
        if (!condition.isEmpty()) {
            headers = headers.setValue("condition", condition);
        }
        if (!contentType.isEmpty()) {
            headers = headers.setValue("content-type", contentType);
        }
        return JsonObject.newBuilder()
                .set("topic", entityId.substring(0, colon) + "/" + entityId.substring(colon + 1) + "/" + group
                        + "/commands/" + action)
                .set("headers", headers)
                .set("path", "/")
                .set("value", value)
                .build().toString();
    }

    /** Bytes allocated so far by the live threads (the sandbox's and the client's event loops live throughout). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /**
     * One WebSocket: keeps up to {@code inFlight} commands unanswered; each answer sends the next. Everything runs on
     * the socket's event loop (writes from another thread at the same time lost commands); the monitor only makes
     * {@link #progress()} safe.
     */
    private final class Session {
        private final WebSocket socket;
        private final Context context;
        private long count;
        private long sent;
        private long answered;
        private long failed;
        private java.util.function.LongFunction<String> next = i -> "";
        private CompletableFuture<Long> done = CompletableFuture.completedFuture(0L);

        Session(WebSocket socket, Context context) {
            this.socket = socket;
            this.context = context;
            socket.textMessageHandler(this::onAnswer);
            socket.exceptionHandler(e -> out.println("session failed: " + e));
            socket.closeHandler(v -> {
                if (!done.isDone()) {
                    out.println("session closed: " + socket.closeStatusCode() + " "
                            + socket.closeReason());
                }
            });
        }

        CompletableFuture<Long> call(List<String> commands) {
            return stream(commands.size(), i -> commands.get((int) i));
        }

        /** Sends {@code count} commands made by {@code next}; completes with the count not answered 2xx. */
        CompletableFuture<Long> stream(long count, java.util.function.LongFunction<String> next) {
            CompletableFuture<CompletableFuture<Long>> started = new CompletableFuture<>();
            context.runOnContext(v -> started.complete(start(count, next)));
            return started.join();
        }

        private synchronized CompletableFuture<Long> start(long count, java.util.function.LongFunction<String> next) {
            this.count = count;
            this.next = next;
            this.sent = 0;
            this.answered = 0;
            this.failed = 0;
            this.done = new CompletableFuture<>();
            if (count == 0) {
                done.complete(0L);
            }
            for (int i = 0; i < options.inFlight() && sent < count; i++) {
                socket.writeTextMessage(next.apply(sent++));
            }
            return done;
        }

        private synchronized void onAnswer(String text) {
            int at = text.lastIndexOf("\"status\":");
            int status = at < 0 ? 0 : Integer.parseInt(text.substring(at + 9, at + 12));
            if ((status < 200 || status > 299) && ++failed <= 3) {
                out.println("unexpected answer: " + text);
            }
            if (sent < count) {
                socket.writeTextMessage(next.apply(sent++));
            }
            if (++answered == count) {
                done.complete(failed);
            }
        }

        synchronized String progress() {
            return "sent " + sent + ", answered " + answered + " of " + count;
        }
    }
}
