package io.twinbridge.gateway.mapping;

/**
 * Which device ids can be the name part of a Ditto thing id: a conservative subset of the characters Ditto allows,
 * {@value #ALLOWED}. A hand-written loop rather than a regular expression because it runs once per record.
 */
final class DeviceIds {
    /** The rule as a regular expression; shown in failure messages, and the reference the tests compare against. */
    static final String ALLOWED = "[A-Za-z0-9_][A-Za-z0-9_.:@+\\-]{0,199}";
    private static final int MAX_LENGTH = 200;

    private DeviceIds() {
    }

    static boolean isValid(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH || !isFirst(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = id.charAt(i);
            if (!isFirst(c) && c != '.' && c != ':' && c != '@' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isFirst(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
