package io.choreo.runtime.handler;

/** A message that was received: from whom, its label and its payload (null for label-only messages). */
public record ReceiveContext(String sessionId, String participant, String from, String label, Object payload,
                             boolean implicit) {
}
