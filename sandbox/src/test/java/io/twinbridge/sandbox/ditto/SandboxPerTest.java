package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Ditto sandbox on a random port for every test method, closed after it:
 * {@code @RegisterExtension final SandboxPerTest ditto = SandboxPerTest.with(options);} then {@code ditto.get()}.
 * It starts before the class's own {@code @BeforeEach} methods (which may fill it) and closes after its
 * {@code @AfterEach} methods. {@link #withThing} has it create a thing first, for tests that all start from one.
 */
final class SandboxPerTest implements BeforeEachCallback, AfterEachCallback {
    private final SandboxOptions options;
    private final Optional<Thing> thing;
    private DittoSandbox sandbox;

    /** A thing {@code PUT} as {@code ditto} at {@code path} (e.g. {@code /api/2/things/org.example:x}). */
    private record Thing(String path, String json) {
    }

    private SandboxPerTest(final SandboxOptions options, final Optional<Thing> thing) {
        this.options = options;
        this.thing = thing;
    }

    /** A sandbox with {@code options} on a random port. */
    static SandboxPerTest with(final SandboxOptions options) {
        return new SandboxPerTest(options.withPort(0), Optional.empty());
    }

    static SandboxPerTest defaults() {
        return with(SandboxOptions.defaults());
    }

    /** The same sandbox, in which each test starts with the thing {@code json} at {@code path} (answered 201). */
    SandboxPerTest withThing(final String path, final String json) {
        return new SandboxPerTest(options, Optional.of(new Thing(path, json)));
    }

    DittoSandbox get() {
        return sandbox;
    }

    /** Closes this test's sandbox and starts an empty one with other options (closed after the test as well). */
    DittoSandbox restart(final SandboxOptions other) {
        sandbox.close();
        sandbox = DittoSandbox.start(other.withPort(0));
        return sandbox;
    }

    @Override
    public void beforeEach(final ExtensionContext context) throws Exception {
        sandbox = DittoSandbox.start(options);
        if (thing.isPresent()) {
            assertEquals(201, Http.putJson(sandbox, thing.get().path(), thing.get().json()).statusCode(),
                    "creating " + thing.get().path());
        }
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
