package io.twinbridge.gateway.logging;

import io.twinbridge.gateway.config.ConfigKey;
import io.twinbridge.gateway.config.GatewayConfig;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Chooses between the two console formats of the shipped log4j2.xml files: {@code plain} and {@code json}.
 *
 * <p>log4j configures itself at the first logger, before the gateway has read its configuration, so the XML picks
 * the format from the system property {@value #PROPERTY}, else the environment variable {@value #ENV}, else plain.
 * A {@code log.format} set in the config file is known only later: {@link #apply} then sets the property and
 * reconfigures log4j once.
 */
public final class LogFormat {
    public static final String PROPERTY = "twinbridge.log.format";
    public static final String ENV = "TWINBRIDGE_LOG_FORMAT";
    public static final String PLAIN = "plain";
    public static final String JSON = "json";

    private LogFormat() {
    }

    /** The format log4j chose at start: property, else environment, else plain. */
    public static String active(Map<String, String> env) {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return property;
        }
        return env.getOrDefault(ENV, PLAIN);
    }

    /**
     * Follows {@code log.format} when the config file or the environment set it; the default leaves the format
     * log4j chose alone, so that {@code -Dtwinbridge.log.format} keeps working.
     *
     * @return whether log4j was reconfigured
     */
    public static boolean applyConfigured(GatewayConfig config, Map<String, String> env) {
        if (config.sourceOf(ConfigKey.LOG_FORMAT).equals("default")) {
            return false;
        }
        return apply(config.logFormat(), env);
    }

    /**
     * Switches to {@code wanted} when it differs from the active format.
     *
     * @param wanted {@code plain} or {@code json}, as validated by the config key {@code log.format}
     * @return whether log4j was reconfigured
     */
    public static boolean apply(String wanted, Map<String, String> env) {
        if (wanted.equals(active(env))) {
            return false;
        }
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            // another logging backend behind the log4j API: its own configuration decides the format
            throw new IllegalStateException("log.format needs log4j-core as the logging backend");
        }
        System.setProperty(PROPERTY, wanted);
        // re-reads the same configuration file; its ${sys:twinbridge.log.format} lookup now sees the new value
        context.reconfigure();
        return true;
    }
}
