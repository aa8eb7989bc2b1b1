package io.twinbridge.gateway.lifecycle;

/** A part whose name is fixed when it is built: parts that are classes of their own, and {@link Lifecycle#of}. */
public abstract class NamedLifecycle implements Lifecycle {
    private final String name;

    protected NamedLifecycle(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }
}
