package io.twinbridge.gateway.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Thing Model file as shipped, for serving over HTTP at its stable path.
 *
 * @param path  stable path, e.g. {@code /models/turbine/turbine-1.0.0.tm.jsonld}
 * @param bytes the file's bytes (UTF-8 JSON-LD)
 */
public record ModelDocument(String path, byte[] bytes) {

    /** Media type of a WoT Thing Model document. */
    public static final String MEDIA_TYPE = "application/tm+json";

    public ModelDocument {
        Objects.requireNonNull(path, "path");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
