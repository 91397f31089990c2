package io.choreo.projection.check;

/** One communication step of a participant: send to or receive from a peer, with a label. */
public record Action(Kind kind, String peer, String label) {
    public enum Kind { SEND, RECEIVE }

    /** {@code B!Label} or {@code B?Label}. */
    @Override
    public String toString() {
        return peer + (kind == Kind.SEND ? "!" : "?") + label;
    }
}
