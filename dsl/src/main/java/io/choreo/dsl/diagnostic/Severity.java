package io.choreo.dsl.diagnostic;

/** How serious a diagnostic is: errors stop a choreography from being used, warnings do not. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
