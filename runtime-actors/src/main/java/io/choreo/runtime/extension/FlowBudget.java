package io.choreo.runtime.extension;

import io.choreo.runtime.handler.SendContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Flow budgets charged by annotated sends ({@code flow_cost}, 100 by default). A charge is all or nothing: it is
 * granted and deducted, or refused and nothing changes. Implementations must never overspend under concurrent
 * charges. A charge may complete later (a distributed budget may move quota between nodes first); the participant
 * waits for it before sending.
 */
public interface FlowBudget {

    /**
     * The outcome of a charge and what is left afterwards; a layered budget also names the layer that refused it
     * ({@code layer}, else null) and gives its receipt, one line per layer charged ({@code layers}, else empty).
     */
    record Charge(boolean granted, long remaining, String layer, List<LayerCharge> layers) {
        public Charge {
            layers = layers == null ? List.of() : List.copyOf(layers);
        }

        public Charge(boolean granted, long remaining) {
            this(granted, remaining, null, List.of());
        }
    }

    /** One line of a layered receipt: {@code cost} asked of {@code layer}, what it left, and what became of it. */
    record LayerCharge(String layer, long cost, long remaining, Status status) {
        /** Charged (and kept); refused by this layer; or charged, then given back because a later layer refused. */
        public enum Status { CHARGED, REFUSED, ROLLED_BACK }
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
