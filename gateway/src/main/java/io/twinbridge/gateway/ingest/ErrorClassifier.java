package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.codec.DecodeErrors;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Stage;

/** The one place that decides whether a failure is retried, provisioned, dropped as stale or dead-lettered. */
public final class ErrorClassifier {
    static final String THING_NOT_FOUND = "things:thing.notfound";
    /** Ditto's answer to a false {@code condition} header (ThingConditionFailedException). */
    static final String CONDITION_FAILED = "things:condition.failed";
    static final String THING_CONFLICT = "things:thing.conflict";
    /**
     * Ditto's 421 when its things service cannot fetch a thing's Thing Model (WotThingModelNotAccessibleException),
     * e.g. while the gateway that serves {@code /models} restarts: transient, so retried.
     */
    static final String THING_MODEL_NOT_ACCESSIBLE = "wot:tm.notfound";

    private ErrorClassifier() {
    }

    public static Disposition classify(Failure failure) {
        return DecodeErrors.isRetriable(failure) ? Disposition.RETRY : Disposition.DEAD_LETTER;
    }

    public static Disposition classify(DittoPortException e) {
        int status = e.status();
        if (e.isUnavailable() || status >= 500 || status == 408 || status == 429 || status == 424) {
            return Disposition.RETRY;
        }
        if (status == 421 && THING_MODEL_NOT_ACCESSIBLE.equals(e.errorCode())) {
            return Disposition.RETRY;
        }
        if (status == 404 && THING_NOT_FOUND.equals(e.errorCode())) {
            return Disposition.PROVISION;
        }
        if (status == 412 && CONDITION_FAILED.equals(e.errorCode())) {
            return Disposition.STALE;
        }
        return Disposition.DEAD_LETTER;
    }

    /** The dead-letter failure for a permanent Ditto rejection: {@code ditto.<Ditto error code>}. */
    public static Failure deadLetterFailure(DittoPortException e) {
        return new Failure(Stage.DITTO, "ditto." + e.errorCode(),
                "Ditto answered " + e.status() + " " + e.errorCode() + ": " + e.getMessage());
    }

    /** Whether a create failed only because another writer created the thing first. */
    public static boolean alreadyExists(DittoPortException e) {
        return e.status() == 409 || THING_CONFLICT.equals(e.errorCode());
    }
}
