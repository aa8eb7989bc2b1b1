package io.twinbridge.sandbox.ditto;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Ditto sandbox on a random port for every test method, closed after it:
 * {@code @RegisterExtension final SandboxPerTest ditto = SandboxPerTest.with(options);} then {@code ditto.get()}.
 * It starts before the class's own {@code @BeforeEach} methods (which may fill it) and closes after its
 * {@code @AfterEach} methods.
 */
final class SandboxPerTest implements BeforeEachCallback, AfterEachCallback {
    private final SandboxOptions options;
    private DittoSandbox sandbox;

    private SandboxPerTest(final SandboxOptions options) {
        this.options = options;
    }

    /** A sandbox with {@code options} on a random port. */
    static SandboxPerTest with(final SandboxOptions options) {
        return new SandboxPerTest(options.withPort(0));
    }

    static SandboxPerTest defaults() {
        return with(SandboxOptions.defaults());
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
    public void beforeEach(final ExtensionContext context) {
        sandbox = DittoSandbox.start(options);
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
