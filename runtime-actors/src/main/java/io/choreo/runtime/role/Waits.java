package io.choreo.runtime.role;

/** The continuations of a role shell that waits for something (a handler's answer, a charge, a journal write). */
public final class Waits {
    private Waits() {
    }

    /** What to do with what the participant waited for: the next behaviour {@code B}. */
    @FunctionalInterface
    public interface Then<B, T> {
        B apply(T value) throws RoleFailure;
    }

    /** The typed failure for a failed stage. */
    @FunctionalInterface
    public interface OnError {
        RoleFailure apply(Throwable error) throws RoleFailure;
    }
}
