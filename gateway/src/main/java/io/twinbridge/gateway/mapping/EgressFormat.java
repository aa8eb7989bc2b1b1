package io.twinbridge.gateway.mapping;

import java.util.Locale;

/** Value format of twin-event records. */
public enum EgressFormat {
    /** {@code twinbridge.twin.TwinChangeEvent}, Avro single-object encoding (fingerprint header + binary body). */
    AVRO,
    /** The Ditto protocol event as Ditto sent it, UTF-8 JSON. */
    DITTO_JSON;

    /** @param name {@code avro} or {@code ditto-json}, as in {@code egress.format} */
    public static EgressFormat parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
