package io.twinbridge.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks ports before anything starts, so a taken port is reported by name instead of by a stack trace. */
final class PortCheck {
    private PortCheck() {
    }

    /**
     * Does nothing for port 0 (a free port is picked later).
     *
     * @param role what would listen there, e.g. "Ditto sandbox"
     * @param flag the demo option that changes the port
     */
    static void requireFree(String host, int port, String role, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(role + " port " + host + ":" + port + " is already in use;"
                    + " stop the process that holds it, or pick another port with " + flag, e);
        }
    }
}
