package io.twinbridge.gateway.dlq;

/** A record of a dead-letter topic: either a {@link DeadLetter}, or why it is not one (it lacks its headers). */
public sealed interface ParsedDeadLetter permits ParsedDeadLetter.Valid, ParsedDeadLetter.Invalid {

    DlqCoordinates at();

    record Valid(DeadLetter deadLetter) implements ParsedDeadLetter {
        @Override
        public DlqCoordinates at() {
            return deadLetter.at();
        }
    }

    /** Not written by the gateway's dead-letter publisher, or damaged: it cannot be replayed. */
    record Invalid(DlqCoordinates at, String reason) implements ParsedDeadLetter {
    }
}
