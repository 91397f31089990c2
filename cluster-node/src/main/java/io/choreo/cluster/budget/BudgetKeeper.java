package io.choreo.cluster.budget;

import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.wire.CborSerializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.PNCounterMap;
import org.apache.pekko.cluster.ddata.PNCounterMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * One per node: keeps this node's escrow share of every flow budget. A budget's total is split into per-node
 * allocations when it is defined; each node spends only from its own share, so the check "is there enough?" is
 * exact and local, and the global total can never be overspent however many nodes charge at once. A node that runs
 * short borrows from the other nodes' keepers; lenders give only what they have not spent.
 *
 * <p>Every figure lives in a Distributed Data {@code PNCounterMap} per budget, with entries {@code alloc:<node>},
 * {@code spent:<node>}, {@code given:<node>} and {@code taken:<node>}. Only a node writes its own entries (the
 * allocations are written once, by the node that defines the budget), so its local view of them is authoritative;
 * the other entries are the replicated view used to pick lenders and report the remaining total (see
 * {@link EscrowView}).
 *
 * <p>A grant and a loan are told only once their {@code spent}/{@code given} entry reached a majority of the nodes.
 * When a node is removed from the cluster (downed by the Split Brain Resolver: it can no longer spend), one survivor
 * reads the budget from a majority, which therefore sees everything the removed node granted or lent, and moves its
 * unspent quota into its own share ({@code reclaimed:<removed>} and {@code taken:<survivor>} in one write).
 */
public final class BudgetKeeper {

    /** How keepers find each other. */
    public static final ServiceKey<Command> SERVICE = ServiceKey.create(Command.class, "choreo-budget-keeper");

    /** How long a grant or a loan waits for its majority write. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

    /** How long a node waits for lenders before refusing a charge. */
    static final Duration BORROW_TIMEOUT = Duration.ofSeconds(2);

    /** Messages of a budget keeper. */
    public interface Command extends CborSerializable {
    }

    /** Defines {@code budget} with {@code total}, split evenly over the nodes that are up. */
    public record Define(String budget, long total, ActorRef<Done> replyTo) implements Command {
    }

    /** Charges {@code cost}: granted from this node's share (borrowing if needed) or refused. */
    public record Charge(String budget, long cost, ActorRef<FlowBudget.Charge> replyTo) implements Command {
    }

    /** Gives back a charge whose send did not happen. */
    public record Refund(String budget, long cost) implements Command {
    }

    /** The whole budget's remaining total, as this node sees it. */
    public record Remaining(String budget, ActorRef<Long> replyTo) implements Command {
    }

    /** Another node asks for up to {@code amount} of this node's unspent share. */
    public record Lend(String budget, long amount, ActorRef<Command> replyTo) implements Command {
    }

    /** The answer to {@link Lend}: {@code amount} (possibly 0) moved to the borrower. */
    public record Lent(String budget, long amount) implements Command {
    }

    private record KeepersChanged(Set<ActorRef<Command>> keepers) implements Command {
    }

    private record ViewChanged(String budget, PNCounterMap<String> view) implements Command {
    }

    private record Written(Replicator.UpdateResponse<PNCounterMap<String>> response) implements Command {
    }

    private record DefineWritten(Replicator.UpdateResponse<PNCounterMap<String>> response, ActorRef<Done> replyTo)
            implements Command {
    }

    private record BorrowTimedOut(String budget, long round) implements Command {
    }

    /** A member was removed from the cluster (downed by the Split Brain Resolver, or left). */
    private record MemberGone(org.apache.pekko.cluster.UniqueAddress member) implements Command {
    }

    /** A charge whose {@code spent} write reached a majority: now it may be granted. */
    private record SpentWritten(Charge charge, long available, boolean ok) implements Command {
    }

    /** A loan whose {@code given} write reached a majority: now the borrower may have it. */
    private record GivenWritten(Lend lend, long amount, boolean ok) implements Command {
    }

    /** The majority view of a budget, read to reclaim a removed member's unspent quota. */
    private record ReadForReclaim(String budget, String member,
                                  Replicator.GetResponse<PNCounterMap<String>> response) implements Command {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ReplicatorMessageAdapter<Command, PNCounterMap<String>> replicator;
    private final SelfUniqueAddress self;
    private final String me;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, PNCounterMap<String>> views = new HashMap<>();
    private Set<ActorRef<Command>> keepers = Set.of();

    private BudgetKeeper(ActorContext<Command> context, TimerScheduler<Command> timers,
                         ReplicatorMessageAdapter<Command, PNCounterMap<String>> replicator) {
        this.context = context;
        this.timers = timers;
        this.replicator = replicator;
        this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
        this.me = self.uniqueAddress().address().hostPort() + "#" + self.uniqueAddress().longUid();
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                DistributedData.<Command, PNCounterMap<String>>withReplicatorMessageAdapter(replicator -> {
                    ctx.getSystem().receptionist().tell(Receptionist.register(SERVICE, ctx.getSelf()));
                    ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class,
                            l -> new KeepersChanged(l.getServiceInstances(SERVICE)));
                    ctx.getSystem().receptionist().tell(Receptionist.subscribe(SERVICE, listings));
                    Cluster.get(ctx.getSystem()).subscriptions().tell(org.apache.pekko.cluster.typed.Subscribe.create(
                            ctx.messageAdapter(org.apache.pekko.cluster.ClusterEvent.MemberRemoved.class,
                                    r -> new MemberGone(r.member().uniqueAddress())),
                            org.apache.pekko.cluster.ClusterEvent.MemberRemoved.class));
                    return new BudgetKeeper(ctx, timers, replicator).running();
                })));
    }

    static org.apache.pekko.cluster.ddata.Key<PNCounterMap<String>> key(String budget) {
        return PNCounterMapKey.<String>create("choreo-budget-" + budget);
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Define.class, this::define)
                .onMessage(Charge.class, this::charge)
                .onMessage(Refund.class, r -> {
                    Account a = account(r.budget());
                    a.spent -= r.cost();
                    write(r.budget(), "spent", -r.cost());
                    return Behaviors.same();
                })
                .onMessage(Remaining.class, r -> {
                    account(r.budget());
                    r.replyTo().tell(remaining(r.budget()));
                    return Behaviors.same();
                })
                .onMessage(Lend.class, this::lend)
                .onMessage(Lent.class, this::lent)
                .onMessage(BorrowTimedOut.class, t -> {
                    Account a = account(t.budget());
                    if (a.round == t.round()) {
                        a.lendersOutstanding = 0;
                        refuseWaiting(t.budget(), a);
                    }
                    return Behaviors.same();
                })
                .onMessage(KeepersChanged.class, k -> {
                    keepers = k.keepers();
                    return Behaviors.same();
                })
                .onMessage(ViewChanged.class, v -> {
                    views.put(v.budget(), v.view());
                    Account a = accounts.get(v.budget());
                    if (a != null) {
                        a.alloc = new EscrowView(v.view()).value("alloc", me);
                        serveWaiting(v.budget(), a);
                    }
                    return Behaviors.same();
                })
                .onMessage(Written.class, w -> Behaviors.same())
                .onMessage(SpentWritten.class, this::spentWritten)
                .onMessage(GivenWritten.class, this::givenWritten)
                .onMessage(MemberGone.class, this::memberGone)
                .onMessage(ReadForReclaim.class, this::reclaim)
                .onMessage(DefineWritten.class, w -> {
                    w.replyTo().tell(Done.getInstance());
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> define(Define d) {
        List<String> nodes = StreamSupport.stream(Cluster.get(context.getSystem()).state().getMembers()
                        .spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up())
                .map(m -> m.uniqueAddress().address().hostPort() + "#" + m.uniqueAddress().longUid())
                .sorted().toList();
        long share = d.total() / nodes.size();
        long rest = d.total() - share * nodes.size();
        replicator.askUpdate(replyTo -> new Replicator.Update<>(key(d.budget()), PNCounterMap.empty(),
                new Replicator.WriteMajority(Duration.ofSeconds(5)), replyTo, map -> {
                    PNCounterMap<String> m = map;
                    for (int i = 0; i < nodes.size(); i++) {
                        m = m.incrementBy("alloc:" + nodes.get(i), share + (i == 0 ? rest : 0), self);
                    }
                    return m;
                }), response -> new DefineWritten(response, d.replyTo()));
        account(d.budget());
        return Behaviors.same();
    }

    private Account account(String budget) {
        return accounts.computeIfAbsent(budget, b -> {
            replicator.subscribe(key(b), response -> response instanceof Replicator.Changed<PNCounterMap<String>> c
                    ? new ViewChanged(b, c.get(key(b))) : new ViewChanged(b, views.getOrDefault(b, PNCounterMap.empty())));
            Account a = new Account();
            PNCounterMap<String> view = views.getOrDefault(b, PNCounterMap.empty());
            EscrowView figures = new EscrowView(view);
            a.alloc = figures.value("alloc", me);
            a.spent = figures.value("spent", me);
            a.given = figures.value("given", me);
            a.taken = figures.value("taken", me);
            return a;
        });
    }

    private Behavior<Command> charge(Charge c) {
        Account a = account(c.budget());
        a.waiting.addLast(c);
        serveWaiting(c.budget(), a);
        if (!a.waiting.isEmpty() && a.lendersOutstanding == 0) {
            borrow(c.budget(), a);
        }
        return Behaviors.same();
    }

    /**
     * Grants waiting charges in order while this node's share covers them. The spending is counted at once, but the
     * grant is told only once the {@code spent} entry reached a majority: so if this node dies, the survivors that
     * reclaim its unspent quota see every charge it granted, and the total can never be overspent.
     */
    private void serveWaiting(String budget, Account a) {
        while (!a.waiting.isEmpty() && a.waiting.peekFirst().cost() <= a.available()) {
            Charge c = a.waiting.pollFirst();
            a.spent += c.cost();
            long available = a.available();
            writeMajority(budget, "spent", c.cost(), ok -> new SpentWritten(c, available, ok));
        }
    }

    private Behavior<Command> spentWritten(SpentWritten w) {
        // a write that missed the majority is still applied locally and gossiped: the charge stays spent
        w.charge().replyTo().tell(new FlowBudget.Charge(w.ok(), w.available()));
        return Behaviors.same();
    }

    private void borrow(String budget, Account a) {
        long need = a.waiting.stream().mapToLong(Charge::cost).sum() - a.available();
        Set<ActorRef<Command>> lenders = new HashSet<>(keepers);
        lenders.remove(context.getSelf());
        if (lenders.isEmpty() || need <= 0) {
            refuseWaiting(budget, a);
            return;
        }
        a.round++;
        a.lendersOutstanding = lenders.size();
        for (ActorRef<Command> lender : lenders) {
            lender.tell(new Lend(budget, need, context.getSelf()));
        }
        timers.startSingleTimer(budget, new BorrowTimedOut(budget, a.round), BORROW_TIMEOUT);
    }

    private Behavior<Command> lend(Lend l) {
        Account a = account(l.budget());
        long amount = a.waiting.isEmpty() ? Math.max(0, Math.min(l.amount(), a.available())) : 0;
        if (amount == 0) {
            l.replyTo().tell(new Lent(l.budget(), 0));
            return Behaviors.same();
        }
        a.given += amount;
        writeMajority(l.budget(), "given", amount, ok -> new GivenWritten(l, amount, ok));
        return Behaviors.same();
    }

    private Behavior<Command> givenWritten(GivenWritten w) {
        // not replicated to a majority: the loan is not handed over (the quota is lost, never spent twice)
        w.lend().replyTo().tell(new Lent(w.lend().budget(), w.ok() ? w.amount() : 0));
        return Behaviors.same();
    }

    /**
     * A member is gone: its unspent quota ({@code alloc + taken - given - spent - reclaimed} as a majority read sees
     * it) is reclaimed by one survivor, the Up member with the lowest address, into its own share. The dead member's
     * grants and loans were all majority-written before it told anyone, so nothing it granted is counted as unspent.
     */
    private Behavior<Command> memberGone(MemberGone g) {
        String gone = g.member().address().hostPort() + "#" + g.member().longUid();
        String reclaimer = StreamSupport.stream(Cluster.get(context.getSystem()).state().getMembers().spliterator(),
                        false)
                .filter(m -> m.status() == MemberStatus.up() && !m.uniqueAddress().equals(g.member()))
                .map(m -> m.uniqueAddress().address().hostPort() + "#" + m.uniqueAddress().longUid())
                .sorted().findFirst().orElse("");
        if (!reclaimer.equals(me)) {
            return Behaviors.same();
        }
        for (String budget : accounts.keySet()) {
            replicator.askGet(replyTo -> new Replicator.Get<>(key(budget),
                    new Replicator.ReadMajority(Duration.ofSeconds(5)), replyTo),
                    response -> new ReadForReclaim(budget, gone, response));
        }
        return Behaviors.same();
    }

    private Behavior<Command> reclaim(ReadForReclaim r) {
        if (!(r.response() instanceof Replicator.GetSuccess<PNCounterMap<String>> ok)) {
            context.getLog().warn("budget {}: could not read a majority to reclaim the quota of {}", r.budget(),
                    r.member());
            return Behaviors.same();
        }
        String m = r.member();
        long unspent = new EscrowView(ok.get(key(r.budget()))).unspent(m);
        if (unspent <= 0) {
            return Behaviors.same();
        }
        Account a = account(r.budget());
        a.taken += unspent;
        replicator.askUpdate(replyTo -> new Replicator.Update<>(key(r.budget()), PNCounterMap.empty(),
                new Replicator.WriteMajority(Duration.ofSeconds(5)), replyTo, map -> map
                        .incrementBy("reclaimed:" + m, unspent, self).incrementBy("taken:" + me, unspent, self)),
                Written::new);
        context.getLog().info("budget {}: reclaimed {} unspent from removed member {}", r.budget(), unspent, m);
        serveWaiting(r.budget(), a);
        return Behaviors.same();
    }

    private Behavior<Command> lent(Lent l) {
        Account a = account(l.budget());
        if (l.amount() > 0) {
            a.taken += l.amount();
            write(l.budget(), "taken", l.amount());
        }
        serveWaiting(l.budget(), a);
        if (a.lendersOutstanding > 0 && --a.lendersOutstanding == 0) {
            timers.cancel(l.budget());
            refuseWaiting(l.budget(), a);
        }
        return Behaviors.same();
    }

    private void refuseWaiting(String budget, Account a) {
        serveWaiting(budget, a);
        while (!a.waiting.isEmpty()) {
            a.waiting.pollFirst().replyTo().tell(new FlowBudget.Charge(false, Math.max(a.available(),
                    Math.min(remaining(budget), a.available()))));
        }
    }

    /** The remaining total: every node's allocation and transfers, less everything spent. */
    private long remaining(String budget) {
        EscrowView view = new EscrowView(views.getOrDefault(budget, PNCounterMap.empty()));
        long total = view.remaining();
        Account a = accounts.get(budget);
        if (a != null) {
            // this node's own figures are exact even before its writes reach the replicated view
            total += a.available() - view.unspent(me) - view.value("reclaimed", me);
        }
        return total;
    }

    private void write(String budget, String kind, long delta) {
        String entry = kind + ":" + me;
        replicator.askUpdate(replyTo -> new Replicator.Update<>(key(budget), PNCounterMap.empty(),
                Replicator.writeLocal(), replyTo, map -> delta >= 0 ? map.incrementBy(entry, delta, self)
                        : map.decrementBy(entry, -delta, self)), Written::new);
    }

    private void writeMajority(String budget, String kind, long delta,
                               java.util.function.Function<Boolean, Command> then) {
        String entry = kind + ":" + me;
        replicator.askUpdate(replyTo -> new Replicator.Update<>(key(budget), PNCounterMap.empty(),
                new Replicator.WriteMajority(WRITE_TIMEOUT), replyTo, map -> map.incrementBy(entry, delta, self)),
                response -> then.apply(response instanceof Replicator.UpdateSuccess));
    }
}
