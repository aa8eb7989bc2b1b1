package io.twinbridge.sandbox.ditto;

import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.client.DisconnectedDittoClient;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.DittoClients;
import org.eclipse.ditto.client.messaging.AuthenticationProviders;
import org.eclipse.ditto.client.configuration.BasicAuthenticationConfiguration;
import org.eclipse.ditto.client.configuration.WebSocketMessagingConfiguration;
import org.eclipse.ditto.client.messaging.MessagingProviders;

/** ditto-client 2.4.0 connected to a sandbox, as the gateway's adapter connects to Ditto. */
final class TestClients {

    private TestClients() {
    }

    static DittoClient connect(final DittoSandbox sandbox, final String user, final String password)
            throws Exception {
        final DisconnectedDittoClient disconnected = DittoClients.newInstance(
                MessagingProviders.webSocket(WebSocketMessagingConfiguration.newBuilder()
                                .endpoint(sandbox.wsUrl().replace("/ws/2", ""))
                                .build(),
                        AuthenticationProviders.basic(BasicAuthenticationConfiguration.newBuilder()
                                .username(user).password(password).build())));
        return disconnected.connect().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
