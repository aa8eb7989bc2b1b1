package io.twinbridge.sandbox.kafka;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The broker's client and controller ports must differ, also when both are picked for port 0. */
class PortsTest {

    @Test
    void aPickedPortIsNeverTheOtherPortOfTheBroker() {
        for (int i = 0; i < 200; i++) {
            int client = Ports.resolve("127.0.0.1", 0, "Kafka");
            assertNotEquals(client, Ports.resolveDistinct("127.0.0.1", 0, client, "Kafka controller"));
        }
    }

    @Test
    void anExplicitPortEqualToTheOtherIsRefused() {
        int client = Ports.resolve("127.0.0.1", 0, "Kafka");
        assertThrows(IllegalArgumentException.class,
                () -> Ports.resolveDistinct("127.0.0.1", client, client, "Kafka controller"));
    }
}
