package io.choreo.runtime.extension;

import io.choreo.runtime.handler.SendContext;

/** Decides whether a participant holds the capability a {@code guard_capability} annotation demands. */
@FunctionalInterface
public interface CapabilityStore {

    boolean allows(SendContext send, String capability);

    /** Why {@code capability} is denied (naming who denied it), or empty if it is granted. */
    default java.util.Optional<String> denial(SendContext send, String capability) {
        return allows(send, capability) ? java.util.Optional.empty() : java.util.Optional.of("not granted");
    }

    /**
     * The answer of a capability check: granted ({@code denial} empty) with the context the check established, which
     * the sending handler sees as {@code SendContext.capabilityContext()}; or denied, saying why.
     */
    record Decision(java.util.Optional<String> denial, java.util.Map<String, String> context) {
        /** Granted, with no context: the answer of most checks, made once. */
        public static final Decision GRANTED = new Decision(java.util.Optional.empty(), java.util.Map.of());

        public Decision {
            context = java.util.Map.copyOf(context);
        }
    }

    /** Checks {@code capability}, with the context established (none unless the store refines one). */
    default Decision decide(SendContext send, String capability) {
        java.util.Optional<String> denial = denial(send, capability);
        return denial.isEmpty() ? Decision.GRANTED : new Decision(denial, java.util.Map.of());
    }

    /** Grants every capability: for protocols that do not use {@code guard_capability}, and for tests. */
    static CapabilityStore allowAll() {
        return (send, capability) -> true;
    }
}
