package io.twinbridge.sandbox.ditto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;

/** The shared Ditto protocol examples on the test classpath. */
final class Examples {

    private Examples() {
    }

    static Path root() {
        final URL url = Examples.class.getClassLoader().getResource("ditto-protocol-examples/README.md");
        if (url == null) {
            throw new IllegalStateException("ditto-protocol-examples are not on the test classpath");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject read(final String relative) {
        try {
            return JsonFactory.newObject(Files.readString(root().resolve(relative), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative paths of all command files (not responses) under things/commands and policies/commands. */
    static List<String> commandFiles() {
        try (Stream<Path> files = Stream.concat(Files.walk(root().resolve("things/commands")),
                Files.walk(root().resolve("policies/commands")))) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".json") && !isResponse(p))
                    .sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isResponse(final String relative) {
        final String name = relative.substring(relative.lastIndexOf('/') + 1);
        return name.matches(".*response(created|modified)?\\.json");
    }

    /** The response files that answer this command: {@code <base>response[created|modified].json}. */
    static List<String> responsesOf(final String command) {
        final String base = command.substring(0, command.length() - ".json".length());
        return Stream.of("response", "responsecreated", "responsemodified")
                .map(suffix -> base + suffix + ".json")
                .filter(p -> Files.exists(root().resolve(p)))
                .toList();
    }
}
