package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hand-written device-id check accepts exactly what its documented regular expression accepts. */
class DeviceIdsTest {
    private static final Pattern REFERENCE = Pattern.compile(DeviceIds.ALLOWED);

    @ParameterizedTest
    @ValueSource(strings = {"WTG-07", "KR210-3", "a", "_", "0", "AHU-2-ROOF", "dev.1:2@site+x-y_z", "Z9"})
    void acceptsGoodIds(String id) {
        assertEquals(true, DeviceIds.isValid(id));
        assertEquals(true, REFERENCE.matcher(id).matches());
    }

    @ParameterizedTest
    @MethodSource("badIds")
    void rejectsBadIds(String id) {
        assertEquals(false, DeviceIds.isValid(id));
        assertEquals(false, REFERENCE.matcher(id).matches());
    }

    static List<String> badIds() {
        return List.of("", "-lead", ".lead", ":lead", "@lead", "+lead", "with space", "slash/inside", "tab\t",
                "umlaut-ä", "emoji-\uD83D\uDE00", "new\nline", "#hash", "x".repeat(201), "a?b", "a*b", "a%20b");
    }

    @Test
    void lengthLimitIsTwoHundredCharacters() {
        assertEquals(true, DeviceIds.isValid("x".repeat(200)));
        assertEquals(false, DeviceIds.isValid("x".repeat(201)));
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomIds() {
        // given ids drawn from the allowed characters and their neighbours in ASCII and beyond
        String alphabet = "aZz09_.:@+-/ \\#?*%äé\u0000\u007f`[{^|~,;=!$&'()<>\"";
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(8);
            for (int c = 0; c < length; c++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ids.add(id.toString());
        }
        // then both give the same answer for each
        for (String id : ids) {
            assertEquals(REFERENCE.matcher(id).matches(), DeviceIds.isValid(id), () -> "id \"" + id + "\"");
        }
    }
}
