package io.twinbridge.sandbox.fleet;

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
}
