package io.choreo.cluster.budget;

import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.SendContext;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A {@link FlowBudget} backed by this node's {@link BudgetKeeper}: escrow shares of cluster-wide budgets held in
 * Distributed Data. Which budget a send charges is chosen by {@code budgetOf} (one global budget, one per role, …).
 */
public final class EscrowBudget implements FlowBudget {
    private final ActorRef<BudgetKeeper.Command> keeper;
    private final ActorSystem<?> system;
    private final Function<SendContext, String> budgetOf;
    private final Duration timeout;

    public EscrowBudget(ActorSystem<?> system, ActorRef<BudgetKeeper.Command> keeper,
                        Function<SendContext, String> budgetOf) {
        this.system = system;
        this.keeper = keeper;
        this.budgetOf = budgetOf;
        this.timeout = BudgetKeeper.BORROW_TIMEOUT.plusSeconds(3);
    }

    /** Every send charges the one budget {@code name}. */
    public static EscrowBudget global(ActorSystem<?> system, ActorRef<BudgetKeeper.Command> keeper, String name) {
        return new EscrowBudget(system, keeper, send -> name);
    }

    @Override
    public CompletionStage<Charge> charge(SendContext send, long cost) {
        return AskPattern.ask(keeper, (ActorRef<Charge> replyTo) -> new BudgetKeeper.Charge(budgetOf.apply(send), cost,
                replyTo), timeout, system.scheduler());
    }

    @Override
    public void refund(SendContext send, long cost) {
        keeper.tell(new BudgetKeeper.Refund(budgetOf.apply(send), cost));
    }
}
