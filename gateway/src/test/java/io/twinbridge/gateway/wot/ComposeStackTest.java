package io.twinbridge.gateway.wot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml runs the Ditto version whose sources the sandbox's and the conformance tests' rules were read
 * from, and gives Ditto's things service the WoT settings that {@link DittoTmValidation.Settings#COMPOSE} assumes,
 * through Ditto's own environment variables (things.conf of Ditto 3.9.6, {@code ditto.things.wot.*}).
 */
class ComposeStackTest {
    /** The Ditto release whose sources the Ditto rules in this project were checked against; a tag of eclipse-ditto/ditto. */
    static final String DITTO_VERSION = "3.9.6";
    private static final Pattern DITTO_IMAGE = Pattern.compile("docker\\.io/eclipse/ditto-[a-z-]+:\\$\\{DITTO_VERSION:-([^}]+)}");

    private final JsonNode compose = read();

    @Test
    void everyDittoServiceDefaultsToTheVerifiedRelease() {
        int dittoServices = 0;
        for (Map.Entry<String, JsonNode> service : compose.get("services").properties()) {
            String image = service.getValue().path("image").asText();
            if (image.contains("/eclipse/ditto-")) {
                Matcher matcher = DITTO_IMAGE.matcher(image);
                assertTrue(matcher.matches(), service.getKey() + ": " + image);
                assertEquals(DITTO_VERSION, matcher.group(1), service.getKey() + " pins another Ditto version");
                dittoServices++;
            }
        }
        assertEquals(5, dittoServices, "policies, things, things-search, connectivity, gateway");
    }

    @Test
    void thingsServiceGetsTheWotSettingsTheConformanceTestAssumesThroughDittosVariables() {
        JsonNode things = compose.get("services").get("things");
        JsonNode env = things.get("environment");
        DittoTmValidation.Settings assumed = DittoTmValidation.Settings.COMPOSE;
        assertEquals(String.valueOf(assumed.forbidNonModeledProperties()),
                env.path("THINGS_WOT_TM_MODEL_VALIDATION_FEATURE_FORBID_NON_MODELED_PROPERTIES").asText());
        assertEquals(String.valueOf(assumed.forbidNonModeledDesiredProperties()),
                env.path("THINGS_WOT_TM_MODEL_VALIDATION_FEATURE_FORBID_NON_MODELED_DESIRED_PROPERTIES").asText());
        assertEquals("true", env.path("THINGS_WOT_TM_MODEL_VALIDATION_ENABLED").asText());
        assertEquals("false", env.path("THINGS_WOT_TM_MODEL_VALIDATION_LOG_WARNING_INSTEAD_OF_FAILING_API_CALLS").asText());
        for (String level : new String[] {"THING", "FEATURE"}) {
            String prefix = "THINGS_WOT_TM_BASED_CREATION_" + level + "_";
            assertEquals("true", env.path(prefix + "SKELETON_CREATION_ENABLED").asText(), level);
            assertEquals("false", env.path(prefix + "GENERATE_DEFAULTS_FOR_OPTIONAL_PROPERTIES").asText(), level);
            assertEquals("true", env.path(prefix + "THROW_EXCEPTION_ON_WOT_ERRORS").asText(), level);
        }
        // Ditto's variables, not JVM system properties: the keys have variables (things.conf), and a JAVA_TOOL_OPTIONS
        // of this service would replace the one the other Ditto services share.
        assertFalse(env.has("JAVA_TOOL_OPTIONS"));
        assertFalse(things.path("env_file").toString().contains("things.env"));
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docker-compose.yml", e);
        }
    }
}
