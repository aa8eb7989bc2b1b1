package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "0,   twinbridge:ditto.unavailable,         RETRY",
        "408, twinbridge:ditto.timeout,             RETRY",
        "429, too.many.requests,                    RETRY",
        "500, gateway:internalerror,                RETRY",
        "503, gateway:service.unavailable,          RETRY",
        "421, wot:tm.notfound,                      RETRY",
        "421, wot:some.other,                       DEAD_LETTER",
        "404, things:thing.notfound,                PROVISION",
        "412, things:condition.failed,              STALE",
        "412, things:precondition.failed,           DEAD_LETTER",
        "403, things:thing.notmodifiable,           DEAD_LETTER",
        "400, things:attribute.pointer.invalid,     DEAD_LETTER",
        "404, things:feature.notfound,              DEAD_LETTER",
    })
    void classifiesDittoAnswers(int status, String code, Disposition expected) {
        assertEquals(expected, ErrorClassifier.classify(new DittoPortException(status, code, "x")));
    }

    @ParameterizedTest
    @CsvSource({
        "decode.registry-unavailable, RETRY",
        "decode.malformed,            DEAD_LETTER",
        "decode.unknown-schema,       DEAD_LETTER",
    })
    void classifiesDecodeFailures(String code, Disposition expected) {
        assertEquals(expected, ErrorClassifier.classify(new Failure(Stage.DECODE, code, "x")));
    }

    @ParameterizedTest
    @CsvSource({"409, things:thing.conflict, true", "403, things:thing.notcreatable, false"})
    void recognisesAThingCreatedByAnotherWriter(int status, String code, boolean exists) {
        assertEquals(exists, ErrorClassifier.alreadyExists(new DittoPortException(status, code, "x")));
    }
}
