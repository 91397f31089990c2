package io.choreo.bench;

import io.choreo.runtime.wire.CborSerializable;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The raw baseline of a durable ping-pong: a bare {@link EventSourcedBehavior} pair on the same journal, each
 * persisting one event per message it receives before it answers. Both stop once the exchange is over.
 */
final class RawDurable {
    private RawDurable() {
    }

    interface Cmd extends CborSerializable {
    }

    record Play(ActorRef<Cmd> ponger, int rounds, ActorRef<Fixtures.Finished> done) implements Cmd {
    }

    record Ping(ActorRef<Cmd> replyTo) implements Cmd {
    }

    record Pong() implements Cmd {
    }

    /** The pair's exchange is over: the ponger stops (as a finished session's participants do). */
    record Stop() implements Cmd {
    }

    /** The one event: a message was received. */
    record Got(String label) implements CborSerializable {
    }

    /** Count of messages received (the state). */
    record Count(int value) {
    }

    /** One actor of the pair: a pinger once it gets {@link Play}, else a ponger. */
    static final class Player extends EventSourcedBehavior<Cmd, Got, Count> {
        private final ActorRef<Cmd> self;
        private Play play;

        Player(PersistenceId id, ActorRef<Cmd> self) {
            super(id);
            this.self = self;
        }

        static Behavior<Cmd> create(String id) {
            return org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx ->
                    new Player(PersistenceId.ofUniqueId(id), ctx.getSelf()));
        }

        @Override
        public Count emptyState() {
            return new Count(0);
        }

        @Override
        public CommandHandler<Cmd, Got, Count> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Play.class, p -> {
                        play = p;
                        p.ponger().tell(new Ping(self));
                        return Effect().none();
                    })
                    .onCommand(Ping.class, p -> Effect().persist(new Got("Ping"))
                            .thenRun(s -> p.replyTo().tell(new Pong())))
                    .onCommand(Pong.class, (state, p) -> state.value() + 1 < play.rounds()
                            ? Effect().persist(new Got("Pong")).thenRun(s -> play.ponger().tell(new Ping(self)))
                            : Effect().persist(new Got("Pong")).thenRun(s -> {
                                play.ponger().tell(new Stop());
                                play.done().tell(new Fixtures.Finished());
                            }).thenStop())
                    .onCommand(Stop.class, s -> Effect().stop())
                    .build();
        }

        @Override
        public EventHandler<Count, Got> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) -> new Count(s.value() + 1));
        }
    }

    /** Plays {@code rounds} round trips between two fresh players. */
    static CompletionStage<Fixtures.Finished> run(ActorSystem<?> system, String id, int rounds) {
        ActorRef<Cmd> ponger = system.systemActorOf(Player.create(id + "-pong"), id + "-pong",
                org.apache.pekko.actor.typed.Props.empty());
        ActorRef<Cmd> pinger = system.systemActorOf(Player.create(id + "-ping"), id + "-ping",
                org.apache.pekko.actor.typed.Props.empty());
        return AskPattern.ask(pinger, done -> new Play(ponger, rounds, done), Duration.ofSeconds(120),
                system.scheduler());
    }
}
