package io.twinbridge.gateway.tenant.document;

import java.util.Objects;

/**
 * One thing wrong with a tenants document.
 *
 * @param pointer JSON pointer (RFC 6901) of the offending value; {@code ""} is the whole document
 * @param message what is wrong, for people
 */
public record DocumentProblem(String pointer, String message) implements Comparable<DocumentProblem> {
    public DocumentProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public int compareTo(DocumentProblem other) {
        int byPointer = pointer.compareTo(other.pointer);
        return byPointer != 0 ? byPointer : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
}
