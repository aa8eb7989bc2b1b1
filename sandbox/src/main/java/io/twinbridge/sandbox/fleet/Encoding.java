package io.twinbridge.sandbox.fleet;

import java.util.Locale;

/** Wire encodings the simulator can produce; names match the gateway's codec config values. */
public enum Encoding {
    SINGLE_OBJECT("avro-single-object"),
    CONFLUENT("confluent-avro"),
    JSON("json");

    private final String configName;

    Encoding(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Encoding parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Encoding e : values()) {
            if (e.configName.equals(wanted) || e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown encoding '" + value + "', expected avro-single-object, "
                + "confluent-avro or json");
    }
}
