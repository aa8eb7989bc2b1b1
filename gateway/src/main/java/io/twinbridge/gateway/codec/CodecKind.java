package io.twinbridge.gateway.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The codec setting of a topic, as written in config. */
public enum CodecKind {
    AVRO_SINGLE_OBJECT(SingleObjectAvroCodec.NAME),
    CONFLUENT_AVRO(ConfluentAvroCodec.NAME),
    JSON(JsonCodec.NAME),
    /** Decide per record from its first bytes; see {@link SniffingCodec}. */
    AUTO(SniffingCodec.NAME);

    private final String configName;

    CodecKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses a config value; the message lists the accepted values. */
    public static CodecKind parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (CodecKind kind : values()) {
            if (kind.configName.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + value + "', expected one of "
                + Arrays.stream(values()).map(CodecKind::configName).collect(Collectors.joining(", ")));
    }
}
