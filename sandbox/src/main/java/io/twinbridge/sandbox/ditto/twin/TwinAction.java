package io.twinbridge.sandbox.ditto.twin;

import java.util.Locale;
import java.util.Optional;

/** The actions of Ditto twin and policy commands, named as in the topic path. */
public enum TwinAction {
    CREATE, MODIFY, MERGE, RETRIEVE, DELETE;

    public String topicName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TwinAction> fromTopicName(final String name) {
        for (final TwinAction action : values()) {
            if (action.topicName().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
