package io.twinbridge.sandbox.ditto.twin;

/** Receives every applied thing change, in revision order per thing. */
@FunctionalInterface
public interface ChangeListener {
    void onChange(ThingChange change);
}
