package io.twinbridge.sandbox.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Port checks done before the broker starts. Kafka's listeners need concrete ports in their config (the controller
 * port is part of the quorum definition), so a requested port 0 is resolved here, and a taken port is reported with
 * a clear message instead of a broker stack trace.
 */
final class Ports {
    private Ports() {
    }

    /** The given port, or a free one on {@code host} when it is 0. */
    static int resolve(String host, int port, String role) {
        if (port != 0) {
            requireFree(host, port, role);
            return port;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free " + role + " port on " + host, e);
        }
    }

    static void requireFree(String host, int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException(role + " port " + host + ":" + port + " is already in use", e);
        }
    }
}
