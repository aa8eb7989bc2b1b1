package io.twinbridge.gateway.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.ditto.things.model.ThingId;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Ditto is ready when it answers, not merely when its WebSocket is open: a hung Ditto (a frozen process, a stuck
 * node behind a live proxy) keeps the socket open and answers nothing. Each check sends one cheap round trip, a
 * retrieve of a thing that does not exist, which Ditto answers with 404 {@code things:thing.notfound}
 * ({@code ThingNotAccessibleException}, Ditto's answer to {@code RetrieveThing} for an absent or invisible thing).
 * Ditto counts as up when that probe is answered within the probe timeout, or, when the probe is late because Ditto
 * is busy (with the gateway's own writes, or with a backlog after a pause), when the session received any other
 * frame from Ditto within the silence window: late answers to commands that timed out count, as they show Ditto
 * processing. The probe waits at most one check interval, so checks never overlap, and the window (longer) lets a
 * loaded Ditto stall for a moment without turning the gateway unready.
 */
public final class DittoCheck extends DependencyCheck {
    /** A thing id no tenant uses: tenant namespaces are tenant ids, which contain no dot. */
    static final ThingId PROBE = ThingId.of("twinbridge.readiness:probe");

    private final DittoPort ditto;
    private final Duration probeTimeout;
    private final Duration silence;
    private final Clock clock;

    /**
     * @param probeTimeout how long the probe may take; at most the check interval
     * @param silence      how long Ditto may send nothing at all before it counts as down
     */
    public DittoCheck(DittoPort ditto, Duration probeTimeout, Duration silence, Context context, Clock clock) {
        super("ditto", context);
        this.ditto = ditto;
        this.probeTimeout = probeTimeout;
        this.silence = silence;
        this.clock = clock;
    }

    @Override
    public Future<Void> check() {
        if (!ditto.isConnected()) {
            return Future.failedFuture("WebSocket not connected");
        }
        return onContext(ditto.retrieveThing(PROBE, DittoRequestOptions.defaults().withTimeout(probeTimeout)))
                .<Void>mapEmpty()
                .recover(failure -> answered(failure) || answeredRecently()
                        ? Future.succeededFuture()
                        : Future.failedFuture(silence(failure)));
    }

    /** A refusal (403, 404 with another code, ...) is still an answer: Ditto is alive. */
    private static boolean answered(Throwable failure) {
        return failure instanceof DittoPortException e && !e.isUnavailable()
                && !DittoPortException.CODE_TIMEOUT.equals(e.errorCode());
    }

    private boolean answeredRecently() {
        Optional<Instant> last = ditto.lastAnswer();
        return last.isPresent() && !last.get().isBefore(clock.instant().minus(silence));
    }

    private String silence(Throwable failure) {
        String last = ditto.lastAnswer()
                .map(at -> "last answer " + Duration.between(at, clock.instant()).toMillis() + " ms ago")
                .orElse("no answer yet");
        return "nothing from Ditto for " + silence.toMillis() + " ms (" + last + "); the probe: " + failure.getMessage();
    }
}
