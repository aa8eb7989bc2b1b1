package io.twinbridge.sandbox.ditto;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.UpgradeRejectedException;

/**
 * {@code declared-acks} on the WebSocket upgrade as Ditto 3.9.6 reads it: a JSON array or a comma-separated list
 * ({@code ReadJsonArrayHeadersFilter}; basic-acknowledgements.md shows {@code ?declared-acks=a:b,c:d}), as header or
 * query parameter ({@code query-params-as-headers}); non-string items ({@code JsonArrayValueValidator}), invalid
 * labels ({@code AcknowledgementLabel.of}) and divergent header and parameter
 * ({@code RootRouteHeadersStepBuilder.avoidConflictingHeaders}) refuse the upgrade with 400.
 */
@Tag("flow")
class DeclaredAcksTest {

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    /** A later session declaring the label is refused exactly when the label is already declared. */
    private void assertDeclared(final String label) throws Exception {
        try (WsTestClient probe = WsTestClient.connect(ditto.get(), "ditto", "ditto", "[\"" + label + "\"]")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.received().stream()
                    .anyMatch(t -> t.contains("acknowledgement:label.not.unique")));
        }
    }

    private int rejectedStatus(final String header, final String uri) {
        final ExecutionException failure = assertThrows(ExecutionException.class,
                () -> WsTestClient.connect(ditto.get(), "ditto", "ditto", header, uri));
        return assertInstanceOf(UpgradeRejectedException.class, failure.getCause()).getStatus();
    }

    @Test
    void commaSeparatedHeaderDeclaresEachLabel() throws Exception {
        try (WsTestClient declaring = WsTestClient.connect(ditto.get(), "ditto", "ditto", "first-ack, second-ack,")) {
            assertDeclared("first-ack");
            assertDeclared("second-ack");
        }
    }

    @Test
    void commaSeparatedQueryParameterDeclaresEachLabel() throws Exception {
        try (WsTestClient declaring = WsTestClient.connect(ditto.get(), "ditto", "ditto", "",
                "/ws/2?declared-acks=conn:first-ack,conn:second-ack")) {
            assertDeclared("conn:first-ack");
            assertDeclared("conn:second-ack");
        }
    }

    @Test
    void jsonArrayWithANonStringItemIsRefused() {
        assertEquals(400, rejectedStatus("[\"good-ack\",1]", "/ws/2"));
    }

    @Test
    void anInvalidLabelIsRefused() {
        assertEquals(400, rejectedStatus("ab", "/ws/2"));
    }

    @Test
    void headerAndQueryParameterMustAgree() throws Exception {
        assertEquals(400, rejectedStatus("[\"one-ack\"]", "/ws/2?declared-acks=two-ack"));
        // the same labels in both forms agree
        try (WsTestClient declaring = WsTestClient.connect(ditto.get(), "ditto", "ditto", "[\"one-ack\"]",
                "/ws/2?declared-acks=one-ack")) {
            assertDeclared("one-ack");
        }
    }
}
