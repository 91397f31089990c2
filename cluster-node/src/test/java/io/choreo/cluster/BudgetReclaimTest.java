package io.choreo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cluster.budget.BudgetKeeper;
import io.choreo.cluster.budget.EscrowBudget;
import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.SendContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Escrow budgets when a node dies: three nodes (127.0.0.1:26201-26203, one JVM) charge one budget concurrently, the
 * third is terminated without leaving (as a crash looks to the others) while charging; the Split Brain Resolver
 * removes it, a survivor reclaims its unspent quota, and the survivors can spend everything that is left. Total
 * granted never exceeds the budget. About 20 s.
 */
class BudgetReclaimTest {
    static final long TOTAL = 9_000;
    static final long COST = 100;
    final List<ChoreoNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (ChoreoNode n : nodes) {
            try {
                n.close();
            } catch (Exception ignored) {
                // the crashed one is already gone
            }
        }
    }

    @Test
    void theSurvivorsReclaimTheUnspentQuotaOfARemovedNodeAndNeverOverspend() throws Exception {
        Path journal = Files.createTempDirectory("choreo-reclaim").resolve("journal");
        List<String> seeds = List.of("127.0.0.1:26201", "127.0.0.1:26202");
        for (int port : List.of(26201, 26202, 26203)) {
            com.typesafe.config.Config config = com.typesafe.config.ConfigFactory.parseString(
                    "pekko.coordinated-shutdown.run-by-actor-system-terminate = off")
                    .withFallback(JournalDatabase.h2(journal));
            nodes.add(ChoreoNode.start(NodeSettings.of(port, seeds, config)));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!nodes.stream().allMatch(n -> up(n) == 3)) {
            assertTrue(System.currentTimeMillis() < deadline, "the cluster did not form");
            Thread.sleep(200);
        }
        define(nodes.get(0), "reclaim", TOTAL);
        SendContext send = new SendContext("s", "P", "P", "Q", io.choreo.dsl.ast.MessageType.of("M"),
                io.choreo.dsl.ast.Annotations.none(), 1, false);
        AtomicLong granted = new AtomicLong();
        List<CompletableFuture<FlowBudget.Charge>> charges = new ArrayList<>();
        // each node charges 10 times (a third of its share), then the third node dies mid-charging
        for (int i = 0; i < 10; i++) {
            for (ChoreoNode n : nodes) {
                charges.add(charge(n, send, granted));
            }
        }
        ChoreoNode victim = nodes.get(2);
        victim.system().terminate();
        victim.system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // an ask to the dead node's keeper never times out (its scheduler is gone): stop waiting for it after 10 s
        List<CompletableFuture<FlowBudget.Charge>> answered = charges.stream()
                .map(c -> c.handle((r, e) -> r).completeOnTimeout(null, 10, TimeUnit.SECONDS)).toList();
        for (CompletableFuture<FlowBudget.Charge> c : answered) {
            c.get(30, TimeUnit.SECONDS);
        }
        long beforeReclaim = granted.get();
        assertTrue(beforeReclaim <= TOTAL, "never overspent: " + beforeReclaim);
        List<ChoreoNode> survivors = nodes.subList(0, 2);
        deadline = System.currentTimeMillis() + 30_000;
        while (!survivors.stream().allMatch(n -> up(n) == 2)) {
            assertTrue(System.currentTimeMillis() < deadline, "the crashed node was not removed");
            Thread.sleep(200);
        }
        // now spend until refused: the dead node's unspent share must be usable by the survivors
        deadline = System.currentTimeMillis() + 20_000;
        while (granted.get() < TOTAL && System.currentTimeMillis() < deadline) {
            boolean any = false;
            for (ChoreoNode n : survivors) {
                any |= charge(n, send, granted).get(30, TimeUnit.SECONDS).granted();
            }
            if (!any) {
                if (remaining(survivors.get(0)) == 0 && remaining(survivors.get(1)) == 0) {
                    break;
                }
                Thread.sleep(300);   // the reclaim, or a view, is still on its way
            }
        }
        assertTrue(granted.get() <= TOTAL, "never overspent: " + granted.get());
        for (ChoreoNode n : survivors) {
            assertTrue(!charge(n, send, granted).get(30, TimeUnit.SECONDS).granted(), "the budget is used up");
            assertEquals(0L, remaining(n), "nothing unspent is left unusable");
        }
        // missing from the total: charges the dead node counted but never answered (at most its 10) and quota the
        // survivors had lent it (a documented limit). Without the reclaim the dead node's unspent share (about 2,000)
        // would be lost too and at most about 7,000 could be granted; 7,500 tells the two apart.
        assertTrue(granted.get() >= TOTAL - COST * 15, "the unspent remainder was usable: granted " + granted.get()
                + " of " + TOTAL + " (" + beforeReclaim + " before the reclaim)");
        System.out.println("BudgetReclaimTest: granted " + beforeReclaim + " before the node died, "
                + granted.get() + " in all of " + TOTAL + "; remaining as the survivors see it: "
                + remaining(survivors.get(0)) + ", " + remaining(survivors.get(1)));
    }

    static CompletableFuture<FlowBudget.Charge> charge(ChoreoNode n, SendContext send, AtomicLong granted) {
        return EscrowBudget.global(n.system(), n.budgets(), "reclaim").charge(send, COST).toCompletableFuture()
                .thenApply(c -> {
                    if (c.granted()) {
                        granted.addAndGet(COST);
                    }
                    return c;
                });
    }

    static long remaining(ChoreoNode node) throws Exception {
        return AskPattern.<BudgetKeeper.Command, Long>ask(node.budgets(),
                replyTo -> new BudgetKeeper.Remaining("reclaim", replyTo), Duration.ofSeconds(5),
                node.system().scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static long up(ChoreoNode n) {
        return StreamSupport.stream(n.cluster().state().getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up()).count();
    }

    static void define(ChoreoNode node, String budget, long total) throws Exception {
        AskPattern.<BudgetKeeper.Command, org.apache.pekko.Done>ask(node.budgets(),
                replyTo -> new BudgetKeeper.Define(budget, total, replyTo), Duration.ofSeconds(10),
                node.system().scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
        Thread.sleep(1000);
    }

}
