package io.twinbridge.gateway.ditto;

import java.util.Optional;

import org.eclipse.ditto.client.internal.bus.Classification;
import org.eclipse.ditto.client.internal.bus.Classifier;

/**
 * Tags an incoming message with its correlation id read from the text ({@link ProtocolAnswerText}), so that a
 * request waiting with {@code subscribeOnceForString(tag(id))} gets the answer's text before ditto-client parses it.
 * ditto-client's bus tries its string subscribers first and parses the message only when none takes it
 * ({@code DefaultAdaptableBus.doPublish}), so every other message (events, answers nobody waits for as text) goes
 * the way it always went.
 */
final class AnswerTextClassifier implements Classifier<String> {
    /** Not a Ditto Protocol control message ({@code START-SEND-...:ACK}), which the bus tags by their whole text. */
    private static final String PREFIX = "twinbridge-answer-text:";

    static Classification tag(String correlationId) {
        return Classification.forString(PREFIX + correlationId);
    }

    @Override
    public Optional<Classification> classify(String message) {
        if (message.isEmpty() || message.charAt(0) != '{') {
            return Optional.empty();
        }
        return ProtocolAnswerText.read(message).flatMap(ProtocolAnswerText::correlationId)
                .map(AnswerTextClassifier::tag);
    }
}
