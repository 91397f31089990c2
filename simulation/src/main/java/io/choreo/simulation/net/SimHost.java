package io.choreo.simulation.net;

import io.choreo.persistence.durable.DurableRole;
import io.choreo.runtime.role.RoleActor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Hosts one simulated participant (a durable role) and can crash it: {@link Crash} stops the role's actor and starts
 * a new incarnation with a fresh handler, which recovers its progress from the journal.
 */
public final class SimHost {

    /** Stop the participant and start it again. */
    public record Crash() implements RoleActor.Command {
    }

    private SimHost() {
    }

    /** @param setups makes the participant's setup (with a fresh handler) for each incarnation */
    public static Behavior<RoleActor.Command> create(Supplier<RoleActor.Setup> setups) {
        return Behaviors.setup(ctx -> hosting(ctx, setups, spawn(ctx, setups, 0), 0, null));
    }

    private static ActorRef<RoleActor.Command> spawn(ActorContext<RoleActor.Command> ctx,
                                                     Supplier<RoleActor.Setup> setups, int incarnation) {
        return ctx.spawn(DurableRole.create(setups.get()), "incarnation-" + incarnation);
    }

    private static Behavior<RoleActor.Command> hosting(ActorContext<RoleActor.Command> ctx,
                                                       Supplier<RoleActor.Setup> setups,
                                                       ActorRef<RoleActor.Command> role, int incarnation,
                                                       RoleActor.Start start) {
        return Behaviors.receive(RoleActor.Command.class)
                .onMessage(Crash.class, c -> {
                    ctx.stop(role);
                    ActorRef<RoleActor.Command> next = spawn(ctx, setups, incarnation + 1);
                    return hosting(ctx, setups, next, incarnation + 1, start);
                })
                .onMessage(RoleActor.Start.class, s -> {
                    role.tell(s);
                    return hosting(ctx, setups, role, incarnation, s);
                })
                .onMessage(RoleActor.Command.class, c -> {
                    role.tell(c);
                    return Behaviors.same();
                })
                .build();
    }
}
