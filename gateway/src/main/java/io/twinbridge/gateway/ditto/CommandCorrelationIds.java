package io.twinbridge.gateway.ditto;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives every command sent to Ditto a correlation id of its own, made from the id users see (the Kafka
 * {@code correlation-id} header) and a suffix {@value #MARKER}{@code <n>} that is unique in this process.
 *
 * <p>Why: ditto-client pairs an answer with its command by correlation id only
 * ({@code AdaptableBus#subscribeOnceForAdaptable(Classification.forCorrelationId(..))}), and Ditto sends its
 * answer even after the sender stopped waiting. With one id for every command of a write, a late 404 answer to a
 * timed-out merge was taken as the answer to the next command under that id (the create), and a valid record went to
 * the dead-letter topic (issue 13.1). With one id per command, an answer that arrives after its command timed out
 * finds nobody waiting and is dropped by the client. Ditto refuses a second acknowledgement request under an id still
 * in use (Ditto's {@code AcknowledgementForwarderActorStarter} answers
 * {@code AcknowledgementRequestDuplicateCorrelationIdException}), which a per-command id also rules out.
 *
 * <p>Ditto copies the command's id onto the event it causes; {@link #userVisible} strips the suffix again when
 * events are read, so that egress records and log lines carry the id the producer chose.
 */
public final class CommandCorrelationIds {
    /** Separates the user's id from the per-command sequence number (base 36). */
    public static final String MARKER = "#tb.";

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private CommandCorrelationIds() {
    }

    /** {@code userId} plus a suffix no other command of this process carries. */
    public static String forCommand(String userId) {
        return userId + MARKER + Long.toString(SEQUENCE.incrementAndGet(), Character.MAX_RADIX);
    }

    /** The id without the per-command suffix; an id without one (sent by someone else) is returned as it is. */
    public static String userVisible(String commandId) {
        int at = suffixStart(commandId);
        return at < 0 ? commandId : commandId.substring(0, at);
    }

    /** Where the suffix {@value #MARKER}{@code [0-9a-z]+} at the end of {@code id} starts, or -1. */
    static int suffixStart(String id) {
        int at = id.lastIndexOf(MARKER);
        if (at < 0 || at + MARKER.length() == id.length()) {
            return -1;
        }
        for (int i = at + MARKER.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
                return -1;
            }
        }
        return at;
    }
}
