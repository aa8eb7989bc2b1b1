package io.twinbridge.gateway.model;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Turns files under a models root into the relative names used in messages and the stable HTTP paths. */
final class ModelPaths {
    /** Prefix of the HTTP paths at which Thing Models are served. */
    static final String PREFIX = "/models/";

    private ModelPaths() {
    }

    static String relative(Path root, Path file) {
        return StreamSupport.stream(root.relativize(file).spliterator(), false)
                .map(Path::toString)
                .collect(Collectors.joining("/"));
    }

    static String servedPath(String relative) {
        return PREFIX + relative;
    }
}
