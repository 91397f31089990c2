package io.choreo.runtime.handler;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.MessageType;
import java.util.Map;

/**
 * A send about to happen.
 *
 * @param participant who sends ({@code Leader}, {@code Followers[2]})
 * @param to the receiving participant
 * @param message label and declared payload types
 * @param line source line of the interaction (0 for implicit control messages)
 * @param capabilityContext what the capability check of a {@code guard_capability} send established (the
 *                          refinements of {@code LayeredCapabilities}' layers), for the handler; empty otherwise
 */
public record SendContext(String sessionId, String participant, String role, String to, MessageType message,
                          Annotations annotations, int line, boolean implicit, Map<String, String> capabilityContext) {
    public SendContext {
        capabilityContext = capabilityContext == null ? Map.of() : Map.copyOf(capabilityContext);
    }

    public SendContext(String sessionId, String participant, String role, String to, MessageType message,
                       Annotations annotations, int line, boolean implicit) {
        this(sessionId, participant, role, to, message, annotations, line, implicit, Map.of());
    }

    /** This send, with the context its capability check established. */
    public SendContext withCapabilityContext(Map<String, String> context) {
        return new SendContext(sessionId, participant, role, to, message, annotations, line, implicit, context);
    }

    public String label() {
        return message.label();
    }
}
