package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.codec.FieldPath;

/** One compiled field binding: where to read, what to check, and the slot of {@link PatchLayout} it writes. */
record PropertyRule(FieldPath field, boolean required, PropertyCheck check) {
}
