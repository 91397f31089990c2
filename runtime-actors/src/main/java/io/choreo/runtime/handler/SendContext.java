package io.choreo.runtime.handler;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.MessageType;

/**
 * A send about to happen.
 *
 * @param participant who sends ({@code Leader}, {@code Followers[2]})
 * @param to the receiving participant
 * @param message label and declared payload types
 * @param line source line of the interaction (0 for implicit control messages)
 */
public record SendContext(String sessionId, String participant, String role, String to, MessageType message,
                          Annotations annotations, int line, boolean implicit) {
    public String label() {
        return message.label();
    }
}
