package io.twinbridge.gateway.config;

/** One setting as a string, before parsing, with where it came from (for error messages). */
record RawSetting(String value, String source) {
}
