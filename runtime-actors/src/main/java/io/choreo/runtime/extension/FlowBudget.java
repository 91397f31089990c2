package io.choreo.runtime.extension;

import io.choreo.runtime.handler.SendContext;

/**
 * Flow budgets charged by annotated sends ({@code flow_cost}, 100 by default). A charge is all or nothing: it is
 * granted and deducted, or refused and nothing changes. Implementations must never overspend under concurrent
 * charges.
 */
public interface FlowBudget {

    /** The outcome of a charge and what is left afterwards. */
    record Charge(boolean granted, long remaining) {
    }

    Charge tryCharge(SendContext send, long cost);

    /** Gives back a granted charge whose send did not happen. */
    void refund(SendContext send, long cost);

    /** No limit at all. */
    static FlowBudget unlimited() {
        return new FlowBudget() {
            @Override
            public Charge tryCharge(SendContext send, long cost) {
                return new Charge(true, Long.MAX_VALUE);
            }

            @Override
            public void refund(SendContext send, long cost) {
            }
        };
    }
}
