package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.result.Result;

/**
 * Validates one raw field value against a TM property and converts it to model units. Compiled once per binding;
 * never throws for bad input.
 */
@FunctionalInterface
interface ValueCheck {
    Result<Object> apply(Object raw);
}
