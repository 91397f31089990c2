package io.choreo.runtime.resilience;

import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.SendContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Budgets in layers (e.g. organisation → team → user privacy budgets). A charge is taken from each layer in order;
 * if any layer refuses, the layers already charged are refunded, so the charge is all or nothing across layers.
 */
public final class LayeredBudget implements FlowBudget {
    private final List<FlowBudget> layers;

    public LayeredBudget(List<FlowBudget> layers) {
        this.layers = List.copyOf(layers);
    }

    @Override
    public CompletionStage<Charge> charge(SendContext send, long cost) {
        return chargeFrom(0, send, cost, Long.MAX_VALUE);
    }

    private CompletionStage<Charge> chargeFrom(int layer, SendContext send, long cost, long remaining) {
        if (layer == layers.size()) {
            return CompletableFuture.completedFuture(new Charge(true, remaining));
        }
        return layers.get(layer).charge(send, cost).thenCompose(charge -> {
            if (!charge.granted()) {
                for (int i = layer - 1; i >= 0; i--) {
                    layers.get(i).refund(send, cost);
                }
                return CompletableFuture.completedFuture(charge);
            }
            return chargeFrom(layer + 1, send, cost, Math.min(remaining, charge.remaining()));
        });
    }

    @Override
    public void refund(SendContext send, long cost) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            layers.get(i).refund(send, cost);
        }
    }
}
