package io.choreo.runtime.extension;

import io.choreo.runtime.handler.SendContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Flow budgets charged by annotated sends ({@code flow_cost}, 100 by default). A charge is all or nothing: it is
 * granted and deducted, or refused and nothing changes. Implementations must never overspend under concurrent
 * charges. A charge may complete later (a distributed budget may move quota between nodes first); the participant
 * waits for it before sending.
 */
public interface FlowBudget {

    /** The outcome of a charge and what is left afterwards. */
    record Charge(boolean granted, long remaining) {
    }

    CompletionStage<Charge> charge(SendContext send, long cost);

    /** Gives back a granted charge whose send did not happen. */
    void refund(SendContext send, long cost);

    /** No limit at all. */
    static FlowBudget unlimited() {
        return new FlowBudget() {
            @Override
            public CompletionStage<Charge> charge(SendContext send, long cost) {
                return CompletableFuture.completedFuture(new Charge(true, Long.MAX_VALUE));
            }

            @Override
            public void refund(SendContext send, long cost) {
            }
        };
    }
}
