package io.choreo.runtime.role;

import io.choreo.runtime.session.SessionError;

/** A typed failure that ends a participant, and with it the session. */
public final class RoleFailure extends Exception {
    private final transient SessionError error;

    public RoleFailure(SessionError error) {
        super(error.describe(), null, false, false);
        this.error = error;
    }

    public SessionError error() {
        return error;
    }
}
