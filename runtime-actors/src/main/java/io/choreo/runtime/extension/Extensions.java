package io.choreo.runtime.extension;

import java.util.ArrayList;
import java.util.List;

/**
 * The extension registry of a session. On each send the role runs, in order: capability guard → flow-cost charge →
 * custom extensions → send → journal facts.
 */
public record Extensions(CapabilityStore capabilities, FlowBudget budget, JournalStore journal,
                         List<SendExtension> custom) {
    public Extensions {
        custom = List.copyOf(custom);
    }

    /** Every capability granted, no budget limit, facts journaled in memory. */
    public static Extensions defaults() {
        return new Extensions(CapabilityStore.allowAll(), FlowBudget.unlimited(), new InMemoryJournal(), List.of());
    }

    public Extensions withCapabilities(CapabilityStore store) {
        return new Extensions(store, budget, journal, custom);
    }

    public Extensions withBudget(FlowBudget newBudget) {
        return new Extensions(capabilities, newBudget, journal, custom);
    }

    public Extensions withJournal(JournalStore store) {
        return new Extensions(capabilities, budget, store, custom);
    }

    /** Registers a custom extension, run after those already registered. */
    public Extensions register(SendExtension extension) {
        List<SendExtension> more = new ArrayList<>(custom);
        more.add(extension);
        return new Extensions(capabilities, budget, journal, more);
    }
}
