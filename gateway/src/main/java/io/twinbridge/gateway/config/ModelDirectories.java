package io.twinbridge.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where to load the twin models from instead of the built-in ones: {@code models.directory} and
 * {@code models.schemas-directory}.
 *
 * @param twinModels one sub-folder per kind, laid out like the repository's {@code twin-models/}
 * @param schemas    the Avro schemas, laid out like the repository's {@code schemas/}
 */
public record ModelDirectories(Path twinModels, Path schemas) {
    public ModelDirectories {
        Objects.requireNonNull(twinModels, "twinModels");
        Objects.requireNonNull(schemas, "schemas");
    }
}
