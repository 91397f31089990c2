package io.choreo.cluster.security;

/** A security setting that cannot be used (a missing or world-readable secret file, a wrong key-store password): one sentence naming the file or setting and the cause. */
public final class SecuritySettingsException extends RuntimeException {
    public SecuritySettingsException(String message) {
        super(message, null, false, false);
    }
}
