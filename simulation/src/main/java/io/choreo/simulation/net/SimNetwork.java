package io.choreo.simulation.net;

import io.choreo.runtime.role.RoleActor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The simulated network between participants. Every message (protocol envelopes and acknowledgements) is handed to
 * it; it decides, with the seeded random of the {@link FaultPlan}, whether to drop, duplicate or delay it, and
 * delivers exactly one message per {@link Step}, in virtual-time order (or out of order, at the reorder rate).
 */
public final class SimNetwork {

    /** Messages of the network. */
    public interface Command {
    }

    /** Where participant {@code name} lives. */
    public record Register(String name, ActorRef<RoleActor.Command> host) implements Command {
    }

    /** A participant sends {@code command} to {@code to}. */
    public record Transmit(String to, RoleActor.Command command) implements Command {
    }

    /**
     * Deliver the next message; the reply says whether there was one, and the virtual time. {@code nowMillis} is the
     * simulation's clock (the scheduler's virtual time): the network's clock never lags behind it, so message
     * delays, partition windows and timers all count the same virtual milliseconds.
     */
    public record Step(ActorRef<StepResult> replyTo, long nowMillis) implements Command {
    }

    public record StepResult(boolean delivered, long nowMillis) {
    }

    /** Record a fault the simulator injected. */
    public record Note(NetEvent.Kind kind, String participant) implements Command {
    }

    /** The trace so far. */
    public record GetTrace(ActorRef<List<NetEvent>> replyTo) implements Command {
    }

    private record InFlight(long at, long order, String from, String to, RoleActor.Command command) {
    }

    public static Behavior<Command> create(FaultPlan plan) {
        return Behaviors.setup(ctx -> new SimNetwork(plan).running());
    }

    private final FaultPlan plan;
    private final Random random;
    private final Map<String, ActorRef<RoleActor.Command>> hosts = new HashMap<>();
    private final List<InFlight> inFlight = new ArrayList<>();
    private final List<Transmit> arrived = new ArrayList<>();
    private final List<NetEvent> trace = new ArrayList<>();
    private long now;
    private long order;

    private SimNetwork(FaultPlan plan) {
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Register.class, r -> {
                    hosts.put(r.name(), r.host());
                    return Behaviors.same();
                })
                .onMessage(Transmit.class, t -> {
                    arrived.add(t);
                    return Behaviors.same();
                })
                .onMessage(Step.class, this::step)
                .onMessage(Note.class, n -> {
                    trace.add(new NetEvent(now, n.kind(), "", n.participant(), "", 0));
                    return Behaviors.same();
                })
                .onMessage(GetTrace.class, g -> {
                    g.replyTo().tell(List.copyOf(trace));
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * Decides the fate of the messages that arrived since the last step, in a canonical order: messages that arrive
     * together (timers firing at the same virtual instant) may reach the network in any order, and the random
     * draws must not depend on it.
     */
    private void admitArrived() {
        arrived.sort(java.util.Comparator.comparing((Transmit t) -> from(t.command())).thenComparing(Transmit::to)
                .thenComparing(t -> t.command() instanceof RoleActor.Ack ? 1 : 0)
                .thenComparing(t -> event(NetEvent.Kind.DELIVERED, "", "", t.command()).label())
                .thenComparingLong(t -> event(NetEvent.Kind.DELIVERED, "", "", t.command()).seq()));
        for (Transmit t : arrived) {
            String from = from(t.command());
            if (random.nextDouble() < plan.dropRate()) {
                trace.add(event(NetEvent.Kind.DROPPED, from, t.to(), t.command()));
                continue;
            }
            enqueue(from, t.to(), t.command());
            if (random.nextDouble() < plan.duplicateRate()) {
                trace.add(event(NetEvent.Kind.DUPLICATED, from, t.to(), t.command()));
                enqueue(from, t.to(), t.command());
            }
        }
        arrived.clear();
    }

    private void enqueue(String from, String to, RoleActor.Command command) {
        long delay = 1 + (plan.maxDelayMillis() > 0 ? (long) (random.nextDouble() * plan.maxDelayMillis()) : 0);
        inFlight.add(new InFlight(now + delay, order++, from, to, command));
    }

    private Behavior<Command> step(Step s) {
        now = Math.max(now, s.nowMillis());
        admitArrived();
        if (inFlight.isEmpty()) {
            s.replyTo().tell(new StepResult(false, now));
            return Behaviors.same();
        }
        inFlight.sort((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.order(), b.order()));
        int pick = random.nextDouble() < plan.reorderRate() ? random.nextInt(inFlight.size()) : 0;
        InFlight m = inFlight.remove(pick);
        now = Math.max(now, m.at());
        if (partitioned(m.from(), m.to())) {
            trace.add(event(NetEvent.Kind.PARTITIONED, m.from(), m.to(), m.command()));
        } else {
            ActorRef<RoleActor.Command> host = hosts.get(m.to());
            if (host != null) {
                trace.add(event(NetEvent.Kind.DELIVERED, m.from(), m.to(), m.command()));
                host.tell(m.command());
            }
        }
        s.replyTo().tell(new StepResult(true, now));
        return Behaviors.same();
    }

    private boolean partitioned(String a, String b) {
        for (FaultPlan.Partition p : plan.partitions()) {
            if (now >= p.fromMillis() && now < p.toMillis() && p.group().contains(a) != p.group().contains(b)) {
                return true;
            }
        }
        return false;
    }

    private NetEvent event(NetEvent.Kind kind, String from, String to, RoleActor.Command command) {
        if (command instanceof RoleActor.Envelope e) {
            return new NetEvent(now, kind, from, to, e.label(), e.seq());
        }
        if (command instanceof RoleActor.Ack a) {
            return new NetEvent(now, kind, from, to, "ack", a.seq());
        }
        return new NetEvent(now, kind, from, to, command.getClass().getSimpleName(), 0);
    }

    private static String from(RoleActor.Command command) {
        if (command instanceof RoleActor.Envelope e) {
            return e.from();
        }
        if (command instanceof RoleActor.Ack a) {
            return a.from();
        }
        return "?";
    }
}
