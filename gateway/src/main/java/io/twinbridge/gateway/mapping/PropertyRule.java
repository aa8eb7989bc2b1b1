package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.codec.FieldPath;

/** One compiled field binding: where to read, what to check, where to write. */
record PropertyRule(FieldPath field, String feature, String property, boolean required, String label, ValueCheck check) {
}
