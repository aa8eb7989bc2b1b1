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

    /**
     * Like {@link #resolve}, but a port picked for 0 is never {@code other}: two free ports picked one after the
     * other may be the same, since the first is released before the second is picked.
     */
    static int resolveDistinct(String host, int port, int other, String role) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int resolved = resolve(host, port, role);
            if (resolved != other) {
                return resolved;
            }
            if (port != 0) {
                throw new IllegalArgumentException(role + " port " + port + " is the same as another port of the broker");
            }
        }
        throw new IllegalStateException("Cannot find a free " + role + " port on " + host + " other than " + other);
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
