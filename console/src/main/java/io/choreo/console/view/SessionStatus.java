package io.choreo.console.view;

/** Where a session stands. */
public enum SessionStatus {
    RUNNING, COMPLETED, FAILED;

    /** Lower-case name, as in the API and the filters. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
