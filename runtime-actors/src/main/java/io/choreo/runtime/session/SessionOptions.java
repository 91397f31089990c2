package io.choreo.runtime.session;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-session switches of a {@link SessionSpec}: whether the outcome carries a trace, and which classes short
 * payload type names of the protocol stand for.
 *
 * @param traced keep a (bounded) trace of the messages; off by default
 * @param payloadClasses declared short type name → class, for payload checks at send
 */
public record SessionOptions(boolean traced, Map<String, Class<?>> payloadClasses) {
    public static final SessionOptions DEFAULTS = new SessionOptions(false, Map.of());

    public SessionOptions {
        payloadClasses = Map.copyOf(payloadClasses);
    }

    public SessionOptions withTrace(boolean on) {
        return new SessionOptions(on, payloadClasses);
    }

    public SessionOptions withPayloadClass(String declared, Class<?> type) {
        Map<String, Class<?>> m = new HashMap<>(payloadClasses);
        m.put(declared, type);
        return new SessionOptions(traced, m);
    }
}
