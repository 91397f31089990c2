package io.choreo.runtime.extension;

import io.choreo.runtime.handler.SendContext;
import java.util.Optional;

/**
 * A custom extension run on every send after the built-in capability guard and flow charge: it may deny the send
 * (nothing is sent, the charge is refunded, the session fails with {@code ExtensionDenied}) and is told after a
 * send happened.
 */
public interface SendExtension {

    String name();

    /** A reason to deny the send, or empty to allow it. */
    Optional<String> beforeSend(SendContext send);

    default void afterSend(SendContext send) {
    }
}
