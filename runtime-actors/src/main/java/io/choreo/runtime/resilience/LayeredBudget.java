package io.choreo.runtime.resilience;

import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.extension.FlowBudget.LayerCharge;
import io.choreo.runtime.handler.SendContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.ToLongBiFunction;

/**
 * Budgets in layers (e.g. organisation → team → user privacy budgets), charged layer by layer in order, each
 * {@link Layer} its own cost computed from the send and its {@code flow_cost}. If a layer refuses, the layers
 * already charged are refunded (rolled back), so a charge is all or nothing across layers, and the refusal names
 * the layer ({@code BudgetExhausted.layer()}). Every charge yields a receipt, one line per layer
 * ({@link FlowBudget.Charge#layers()}), also handed to the {@link #withReceipts} listener.
 */
public final class LayeredBudget implements FlowBudget {

    /** One layer: its name, its budget, and its cost of a send with a given {@code flow_cost}. */
    public record Layer(String name, FlowBudget budget, ToLongBiFunction<SendContext, Long> cost) {
        /** A layer charged the send's {@code flow_cost} as it is. */
        public static Layer of(String name, FlowBudget budget) {
            return new Layer(name, budget, (send, cost) -> cost);
        }

        /** A layer charged {@code cost(send, flowCost)} (at least 0). */
        public static Layer of(String name, FlowBudget budget, ToLongBiFunction<SendContext, Long> cost) {
            return new Layer(name, budget, cost);
        }

        long costOf(SendContext send, long flowCost) {
            return Math.max(0, cost.applyAsLong(send, flowCost));
        }
    }

    /** The receipt of one charge: the send and a line per layer asked. */
    public record Receipt(SendContext send, long flowCost, boolean granted, List<LayerCharge> layers) {
    }

    private final List<Layer> layers;
    private final Consumer<Receipt> receipts;

    private LayeredBudget(List<Layer> layers, Consumer<Receipt> receipts) {
        this.layers = List.copyOf(layers);
        this.receipts = receipts;
    }

    /** Named layers, charged in this order. */
    public static LayeredBudget of(List<Layer> layers) {
        return new LayeredBudget(layers, r -> { });
    }

    /** Unnamed layers ({@code layer 1}, {@code layer 2}, …), each charged the send's {@code flow_cost}. */
    public LayeredBudget(List<FlowBudget> budgets) {
        this(numbered(budgets), r -> { });
    }

    private static List<Layer> numbered(List<FlowBudget> budgets) {
        List<Layer> named = new ArrayList<>();
        for (int i = 0; i < budgets.size(); i++) {
            named.add(Layer.of("layer " + (i + 1), budgets.get(i)));
        }
        return named;
    }

    /** The same layers, handing every receipt (granted or refused) to {@code listener}. */
    public LayeredBudget withReceipts(Consumer<Receipt> listener) {
        return new LayeredBudget(layers, listener);
    }

    @Override
    public CompletionStage<Charge> charge(SendContext send, long cost) {
        return chargeFrom(0, send, cost, Long.MAX_VALUE, new ArrayList<>());
    }

    private CompletionStage<Charge> chargeFrom(int index, SendContext send, long flowCost, long remaining,
                                               List<LayerCharge> lines) {
        if (index == layers.size()) {
            return done(send, flowCost, new Charge(true, remaining, null, lines));
        }
        Layer layer = layers.get(index);
        long cost = layer.costOf(send, flowCost);
        CompletionStage<Charge> asked;
        try {
            asked = layer.budget().charge(send, cost);
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        return asked.whenComplete((charge, error) -> {
            if (error != null) {
                rollBack(index, send, lines);
            }
        }).thenCompose(charge -> {
            if (!charge.granted()) {
                rollBack(index, send, lines);
                List<LayerCharge> receipt = new ArrayList<>();
                for (LayerCharge line : lines) {
                    receipt.add(new LayerCharge(line.layer(), line.cost(), line.remaining() + line.cost(),
                            LayerCharge.Status.ROLLED_BACK));
                }
                receipt.add(new LayerCharge(layer.name(), cost, charge.remaining(), LayerCharge.Status.REFUSED));
                return done(send, flowCost, new Charge(false, charge.remaining(), layer.name(), receipt));
            }
            lines.add(new LayerCharge(layer.name(), cost, charge.remaining(), LayerCharge.Status.CHARGED));
            return chargeFrom(index + 1, send, flowCost, Math.min(remaining, charge.remaining()), lines);
        });
    }

    /** Refunds the layers before {@code index}, innermost first. */
    private void rollBack(int index, SendContext send, List<LayerCharge> lines) {
        for (int i = index - 1; i >= 0; i--) {
            layers.get(i).budget().refund(send, lines.get(i).cost());
        }
    }

    private CompletionStage<Charge> done(SendContext send, long flowCost, Charge charge) {
        receipts.accept(new Receipt(send, flowCost, charge.granted(), charge.layers()));
        return CompletableFuture.completedFuture(charge);
    }

    /** Gives every layer back its cost of a granted charge whose send did not happen, innermost first. */
    @Override
    public void refund(SendContext send, long cost) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            layer.budget().refund(send, layer.costOf(send, cost));
        }
    }
}
