package io.twinbridge.gateway.model;

import io.twinbridge.gateway.codec.FieldPath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed binding file: which Avro record it reads, which Thing Model it writes, and how.
 *
 * @param kind       asset kind
 * @param file       the binding file, relative to the models root, for messages
 * @param modelFile  the thing-level TM file name, relative to the binding
 * @param schemaName full name of the bound Avro record schema
 * @param fields     field-to-property bindings
 * @param ignored    Avro field paths deliberately not mapped (a record path covers its sub-fields)
 * @param commands   command mappings for writable desired properties
 */
public record Binding(String kind, String file, String modelFile, String schemaName, List<FieldBinding> fields,
                      List<FieldPath> ignored, List<CommandMapping> commands) {

    public Binding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(schemaName, "schemaName");
        fields = List.copyOf(fields);
        ignored = List.copyOf(ignored);
        commands = List.copyOf(commands);
    }

    public Optional<CommandMapping> command(String feature, String property) {
        return commands.stream().filter(c -> c.feature().equals(feature) && c.property().equals(property)).findFirst();
    }
}
