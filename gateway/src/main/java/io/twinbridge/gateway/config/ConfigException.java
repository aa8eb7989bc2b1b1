package io.twinbridge.gateway.config;

/**
 * A setting that cannot be used. The message always names the key (or file), where the value came from and why it
 * was refused, so that one line on the console is enough to fix it.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String source;
    private final String reason;

    public ConfigException(String key, String source, String reason) {
        super("'" + key + "' from " + source + ": " + reason);
        this.key = key;
        this.source = source;
        this.reason = reason;
    }

    private ConfigException(String message, String key, String source, String reason) {
        super(message);
        this.key = key;
        this.source = source;
        this.reason = reason;
    }

    /** The file is not valid YAML, or cannot be read: names the file and, where known, line and column. */
    static ConfigException badFile(String file, String where, String reason) {
        String at = where.isEmpty() ? "" : " at " + where;
        return new ConfigException("config file " + file + at + ": " + reason, file, "file " + file + at, reason);
    }

    /** The dotted key, or the file path for problems that concern the file as a whole. */
    public String key() {
        return key;
    }

    /** Where the value came from: {@code file <path>}, {@code env <VAR>} or {@code default}. */
    public String source() {
        return source;
    }

    public String reason() {
        return reason;
    }
}
