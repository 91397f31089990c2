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

    /**
     * The charge, possibly after asking other nodes (a distributed budget may need to move quota first). The
     * default completes at once with {@link #tryCharge}.
     */
    default java.util.concurrent.CompletionStage<Charge> charge(SendContext send, long cost) {
        return java.util.concurrent.CompletableFuture.completedFuture(tryCharge(send, cost));
    }

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
