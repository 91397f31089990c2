package io.choreo.bench.cluster;

import io.choreo.cluster.node.NodeSettings;
import io.choreo.runtime.wire.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The raw baseline of {@link BenchNode#RELAY}: hand-written Cluster Sharding entities exchanging the same four
 * messages with the same durability — a session entity persists the start, each participant's finish and the end;
 * each participant entity ({@code id/A}, {@code id/B}, {@code id/C}) persists every message it receives before it
 * acts on it. No reminders, no versions, no activation: what a developer writing it by hand would keep.
 */
final class RawShardedSession {
    static final EntityTypeKey<Cmd> SESSION = EntityTypeKey.create(Cmd.class, "bench-raw-session");
    static final EntityTypeKey<Cmd> ROLE = EntityTypeKey.create(Cmd.class, "bench-raw-role");

    private RawShardedSession() {
    }

    interface Cmd extends CborSerializable {
    }

    /** Starts the session; {@code replyTo} hears {@link Done} once every participant finished. */
    record Begin(ActorRef<Done> replyTo) implements Cmd {
    }

    record Done(String sessionId) implements CborSerializable {
    }

    /** A message between participants ({@code Go} from the session to A, then Ask, Ask, Answer, Answer). */
    record Step(String label) implements Cmd {
    }

    record Finished(String role) implements Cmd {
    }

    /** Answered by a participant entity once it runs (recovered): is its shard available? */
    record Probe(ActorRef<Done> replyTo) implements Cmd {
    }

    /** The one event of both entities: what happened ({@code replyTo} only on the session's start). */
    record Noted(String what, ActorRef<Done> replyTo) implements CborSerializable {
    }

    record State(ActorRef<Done> replyTo, int notes) {
    }

    /** Registers both entity types (on hosts; elsewhere proxies) with the nodes' host role. */
    static void init(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(SESSION, ctx -> new SessionEntity(ctx.getEntityId(), sharding))
                .withRole(NodeSettings.HOST_ROLE));
        sharding.init(Entity.of(ROLE, ctx -> new RoleEntity(ctx.getEntityId(), sharding))
                .withRole(NodeSettings.HOST_ROLE));
    }

    private abstract static class Durable extends EventSourcedBehavior<Cmd, Noted, State> {
        final String id;
        final ClusterSharding sharding;

        Durable(String type, String id, ClusterSharding sharding) {
            super(PersistenceId.of(type, id));
            this.id = id;
            this.sharding = sharding;
        }

        @Override
        public State emptyState() {
            return new State(null, 0);
        }

        @Override
        public EventHandler<State, Noted> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) ->
                    new State(e.replyTo() != null ? e.replyTo() : s.replyTo(), s.notes() + 1));
        }

        void tell(String participant, Cmd cmd) {
            String session = id.contains("/") ? id.substring(0, id.lastIndexOf('/')) : id;
            sharding.entityRefFor(ROLE, session + "/" + participant).tell(cmd);
        }
    }

    /** The session: starts A, counts the three finishes, answers. */
    private static final class SessionEntity extends Durable {
        SessionEntity(String id, ClusterSharding sharding) {
            super("bench-raw-session", id, sharding);
        }

        @Override
        public CommandHandler<Cmd, Noted, State> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Begin.class, b -> Effect().persist(new Noted("started", b.replyTo()))
                            .thenRun(s -> sharding.entityRefFor(ROLE, id + "/A").tell(new Step("Go"))))
                    .onCommand(Finished.class, (state, f) -> state.notes() < 3
                            ? Effect().persist(new Noted("finished " + f.role(), null))
                            : Effect().persist(new Noted("finished " + f.role(), null)).thenRun(s -> {
                                s.replyTo().tell(new Done(id));
                            }).thenStop())
                    .build();
        }
    }

    /** A participant: A sends Ask to B, B to C; C answers B, B answers A; each tells the session it finished. */
    private static final class RoleEntity extends Durable {
        private final String role;
        private final String session;

        RoleEntity(String id, ClusterSharding sharding) {
            super("bench-raw-role", id, sharding);
            this.role = id.substring(id.lastIndexOf('/') + 1);
            this.session = id.substring(0, id.lastIndexOf('/'));
        }

        @Override
        public CommandHandler<Cmd, Noted, State> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Step.class, (state, step) -> react(step.label()))
                    .onCommand(Probe.class, (state, probe) -> {
                        probe.replyTo().tell(new Done(id));
                        return Effect().none();
                    })
                    .build();
        }

        private Effect<Noted, State> react(String label) {
            var persisted = Effect().persist(new Noted(label, null));
            return switch (role + ":" + label) {
                case "A:Go" -> persisted.thenRun(s -> tell("B", new Step("Ask")));
                case "B:Ask" -> persisted.thenRun(s -> tell("C", new Step("Ask")));
                case "C:Ask" -> persisted.thenRun(s -> {
                    tell("B", new Step("Answer"));
                    finished();
                }).thenStop();
                case "B:Answer" -> persisted.thenRun(s -> {
                    tell("A", new Step("Answer"));
                    finished();
                }).thenStop();
                case "A:Answer" -> persisted.thenRun(s -> finished()).thenStop();
                default -> Effect().none();
            };
        }

        private void finished() {
            sharding.entityRefFor(SESSION, session).tell(new Finished(role));
        }
    }
}
