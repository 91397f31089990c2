package io.choreo.bench;

import io.choreo.runtime.wire.CborSerializable;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The fair raw baseline of a session start: a manager spawns a parent with {@code ctx.spawn} (as the session
 * manager spawns a session), the parent spawns two children (as a session spawns its two roles), the children
 * exchange {@code messages} messages, both tell the parent, and the parent replies and stops.
 */
final class RawSessions {
    private RawSessions() {
    }

    interface Msg extends CborSerializable {
    }

    record Run(int messages, ActorRef<Fixtures.Finished> replyTo) implements Msg {
    }

    record Peer(ActorRef<Msg> other, ActorRef<Msg> parent, int messages) implements Msg {
    }

    record Hop(int left) implements Msg {
    }

    record ChildDone() implements Msg {
    }

    /** The manager: one parent per {@link Run}. */
    static Behavior<Msg> manager() {
        return Behaviors.receive((ctx, msg) -> {
            if (msg instanceof Run run) {
                ctx.spawnAnonymous(parent(run));
            }
            return Behaviors.same();
        });
    }

    private static Behavior<Msg> parent(Run run) {
        return Behaviors.setup(ctx -> {
            ActorRef<Msg> a = ctx.spawnAnonymous(child());
            ActorRef<Msg> b = ctx.spawnAnonymous(child());
            b.tell(new Peer(a, ctx.getSelf(), -1));
            a.tell(new Peer(b, ctx.getSelf(), run.messages()));
            int[] done = {0};
            return Behaviors.receive((c, m) -> {
                if (m instanceof ChildDone && ++done[0] == 2) {
                    run.replyTo().tell(new Fixtures.Finished());
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            });
        });
    }

    /** The first child sends {@code Hop(messages - 1)}; each hop is answered until {@code Hop(0)}. */
    private static Behavior<Msg> child() {
        return Behaviors.receive((ctx, msg) -> {
            if (msg instanceof Peer p) {
                if (p.messages() > 0) {
                    hop(p, p.messages() - 1);
                }
                return playing(p);
            }
            return Behaviors.same();
        });
    }

    private static Behavior<Msg> playing(Peer p) {
        return Behaviors.receive((ctx, m) -> {
            if (m instanceof Hop h) {
                if (h.left() == 0) {
                    p.parent().tell(new ChildDone());
                } else {
                    hop(p, h.left() - 1);
                }
            }
            return Behaviors.same();
        });
    }

    /** Sends the hop; a child that sends the last message is done. */
    private static void hop(Peer p, int left) {
        p.other().tell(new Hop(left));
        if (left == 0) {
            p.parent().tell(new ChildDone());
        }
    }

    /** Starts one raw session of {@code messages} messages on {@code manager}. */
    static CompletionStage<Fixtures.Finished> run(ActorSystem<?> system, ActorRef<Msg> manager, int messages) {
        return AskPattern.ask(manager, replyTo -> new Run(messages, replyTo), Duration.ofSeconds(60),
                system.scheduler());
    }
}
