package io.twinbridge.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples one gateway process from outside, as an orchestrator would: {@code /ready} and the consumed-records counter
 * of {@code /metrics}. The counter restarts with each incarnation of the process; the watch adds the incarnations up,
 * so that records read again after a kill show as the excess over what was produced.
 */
final class GatewayWatch {
    private static final String CONSUMED = "twinbridge_ingest_records_consumed_total";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** One {@code /ready} sample; status 0 = no answer. */
    record Sample(long nanos, int status) {
    }

    private final String name;
    private final int port;
    private final HttpClient client;
    private final List<Sample> ready = new CopyOnWriteArrayList<>();
    private long earlierIncarnations;
    private long thisIncarnation;

    GatewayWatch(String name, int port) {
        this.name = name;
        this.port = port;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    String name() {
        return name;
    }

    /** Takes one sample of each; a process that does not answer (killed, starting) is recorded as status 0. */
    void sample() {
        long now = System.nanoTime();
        ready.add(new Sample(now, status("/ready")));
        body("/metrics").ifPresent(metrics -> {
            long consumed = metrics.lines().filter(line -> line.startsWith(CONSUMED))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            synchronized (this) {
                thisIncarnation = Math.max(thisIncarnation, consumed);
            }
        });
    }

    /** The process was started again: its counters begin at zero. */
    synchronized void newIncarnation() {
        earlierIncarnations += thisIncarnation;
        thisIncarnation = 0;
    }

    /** Records consumed over every incarnation, as of the last sample before each ended. */
    synchronized long consumed() {
        return earlierIncarnations + thisIncarnation;
    }

    /**
     * The sum of a counter's series in {@code /metrics} now (e.g. {@code twinbridge_egress_events_published_total}
     * over its tags), or 0 when the process does not answer.
     */
    long counter(String name) {
        return body("/metrics").map(metrics -> metrics.lines()
                        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .sum())
                .orElse(0L);
    }

    int readyStatus() {
        return status("/ready");
    }

    /** Whether the last sample before {@code nanos} was 200: the instance was ready when a fault began. */
    boolean readyBefore(long nanos) {
        return ready.stream().filter(s -> s.nanos() < nanos).reduce((a, b) -> b).map(s -> s.status() == 200)
                .orElse(false);
    }

    /** Milliseconds from {@code fromNanos} to the first sample with {@code status}, or -1 if there was none. */
    long firstAfter(long fromNanos, int status) {
        return ready.stream().filter(s -> s.nanos() >= fromNanos && s.status() == status).findFirst()
                .map(s -> (s.nanos() - fromNanos) / 1_000_000).orElse(-1L);
    }

    private int status(String path) {
        try {
            return client.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private Optional<String> body(String path) {
        try {
            HttpResponse<String> answer = client.send(request(path), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(answer.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).GET().build();
    }
}
