package io.choreo.runtime.resilience;

import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.typesafe.config.ConfigFactory;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.extension.FlowBudget.LayerCharge;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Layered privacy budgets: a cost per layer, the exhausted layer named, a receipt per layer, rollback. */
class LayeredBudgetTest {
    static final ActorTestKit kit = ActorTestKit.create("layered", ConfigFactory.load("application-test"));
    static final SendContext ANY = new SendContext("s", "A", "A", "B", null, null, 1, false);

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void eachLayerChargesItsOwnCostAndTheRefusingLayerIsNamedWithItsReceipt() {
        InMemoryFlowBudget org = InMemoryFlowBudget.shared(10_000);
        InMemoryFlowBudget team = InMemoryFlowBudget.shared(400);
        InMemoryFlowBudget user = InMemoryFlowBudget.shared(1_000);
        List<LayeredBudget.Receipt> receipts = Collections.synchronizedList(new ArrayList<>());
        LayeredBudget budget = LayeredBudget.of(List.of(LayeredBudget.Layer.of("organisation", org),
                        LayeredBudget.Layer.of("team", team, (send, cost) -> cost * 2),
                        LayeredBudget.Layer.of("user", user, (send, cost) -> cost / 2)))
                .withReceipts(receipts::add);
        SessionSpec spec = SessionSpec.of(example("budgeted.choreo"))
                .withExtensions(Extensions.defaults().withBudget(budget));
        SessionError.BudgetExhausted exhausted = assertInstanceOf(SessionError.BudgetExhausted.class,
                failed(RuntimeTestSupport.run(kit, spec)).cause());
        assertEquals(new SessionError.BudgetExhausted("Receiver", "LowCostAck", 6, 100, 0, "team"), exhausted);
        assertEquals("Receiver cannot send LowCostAck (line 6): flow cost 100 exceeds the remaining budget 0 of "
                + "layer 'team'", exhausted.describe());
        assertEquals(List.of(new LayerCharge("organisation", 200, 9_800, LayerCharge.Status.CHARGED),
                new LayerCharge("team", 400, 0, LayerCharge.Status.CHARGED),
                new LayerCharge("user", 100, 900, LayerCharge.Status.CHARGED)), receipts.get(0).layers());
        assertEquals(List.of(new LayerCharge("organisation", 50, 9_800, LayerCharge.Status.ROLLED_BACK),
                new LayerCharge("team", 100, 0, LayerCharge.Status.REFUSED)), receipts.get(1).layers());
        assertEquals(9_800, org.remaining(ANY), "the organisation's 50 for the refused send was rolled back");
        assertEquals(900, user.remaining(ANY), "the user layer was never asked for the refused send");
    }

    /**
     * Seeded sweep over random layers, costs and charges: a charge is granted iff every layer can pay its own
     * cost; then each layer pays exactly that; else the first layer that cannot is named and nothing is spent.
     */
    @Test
    void chargesAreAllOrNothingAcrossLayersForRandomLayersAndCosts() {
        long seed = Long.getLong("choreo.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(4);
            List<InMemoryFlowBudget> budgets = new ArrayList<>();
            List<Long> factors = new ArrayList<>();
            List<LayeredBudget.Layer> layers = new ArrayList<>();
            long[] left = new long[n];
            for (int i = 0; i < n; i++) {
                left[i] = random.nextInt(2_000);
                long factor = random.nextInt(4);
                budgets.add(InMemoryFlowBudget.shared(left[i]));
                factors.add(factor);
                layers.add(LayeredBudget.Layer.of("L" + i, budgets.get(i), (send, cost) -> cost * factor));
            }
            LayeredBudget budget = LayeredBudget.of(layers);
            for (int step = 0; step < 20; step++) {
                long cost = random.nextInt(300);
                String where = "seed " + seed + ", round " + round + ", step " + step + ", factors " + factors
                        + ", cost " + cost;
                int refusing = -1;
                for (int i = 0; i < n && refusing < 0; i++) {
                    if (left[i] < cost * factors.get(i)) {
                        refusing = i;
                    }
                }
                FlowBudget.Charge charge = budget.charge(ANY, cost).toCompletableFuture().join();
                assertEquals(refusing < 0, charge.granted(), where);
                if (refusing < 0) {
                    assertNull(charge.layer(), where);
                    for (int i = 0; i < n; i++) {
                        left[i] -= cost * factors.get(i);
                    }
                } else {
                    assertEquals("L" + refusing, charge.layer(), where);
                    assertEquals(refusing + 1, charge.layers().size(), where);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(left[i], budgets.get(i).remaining(ANY), where + ", layer L" + i);
                }
            }
        }
    }
}
