package io.twinbridge.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Collections;
import java.util.Optional;

import org.apache.logging.log4j.core.config.Configurator;

import io.twinbridge.gateway.Main;

/**
 * {@code ./twinbridge run} is the gateway in production and must log as docs/operations.md says: INFO of
 * {@code io.twinbridge} on stdout, the gateway's own log4j2.xml. The launcher's log4j2.xml comes first on the class
 * path and keeps the demo and the tools quiet (WARN, stderr), so {@code run} switches to the gateway's file, found in
 * the gateway's jar, unless the user chose a file with {@code -Dlog4j2.configurationFile}.
 */
public final class GatewayLogging {
    static final String CONFIG_FILE_PROPERTY = "log4j2.configurationFile";
    private static final String RESOURCE = "log4j2.xml";

    private GatewayLogging() {
    }

    /** Reconfigures log4j with the gateway's log4j2.xml; returns where it was found, or empty if it was not used. */
    static Optional<URL> useGatewayConfiguration() {
        if (System.getProperty(CONFIG_FILE_PROPERTY) != null) {
            return Optional.empty();
        }
        Optional<URL> config = gatewayConfiguration();
        config.ifPresent(url -> {
            try {
                Configurator.reconfigure(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("the gateway's log configuration has no usable URI: " + url, e);
            }
        });
        return config;
    }

    /** The log4j2.xml that lies next to the gateway's classes (in its jar, or its classes folder in a build). */
    public static Optional<URL> gatewayConfiguration() {
        String gatewayLocation = Main.class.getProtectionDomain().getCodeSource().getLocation().toString();
        try {
            return Collections.list(GatewayLogging.class.getClassLoader().getResources(RESOURCE)).stream()
                    .filter(url -> url.toString().equals(gatewayLocation + RESOURCE)
                            || url.toString().equals("jar:" + gatewayLocation + "!/" + RESOURCE))
                    .findFirst();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the log configurations on the class path", e);
        }
    }
}
