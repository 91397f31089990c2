package io.choreo.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.RolePlacement;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Across two actor systems talking Artery over 127.0.0.1: raw remote ping-pong against a session whose participant B
 * runs on the other system (every protocol message serialized with Jackson CBOR), 1,000 round trips each.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RemoteBench {
    ActorSystem<Sessions.Start> local;
    ActorSystem<Void> remote;
    ActorRef<Fixtures.Raw> remotePonger;
    CompiledProtocol pingPong;

    static Config node(int port) {
        return ConfigFactory.parseString("""
                pekko.actor.provider = remote
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = %d
                pekko.actor.serialization-bindings {
                  "io.choreo.runtime.wire.CborSerializable" = jackson-cbor
                }
                """.formatted(port)).withFallback(Fixtures.QUIET).withFallback(ConfigFactory.load());
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Setup
    public void setup() throws Exception {
        local = ActorSystem.create(Sessions.manager(), "local", node(freePort()));
        remote = ActorSystem.create(org.apache.pekko.actor.typed.javadsl.Behaviors.empty(), "remote", node(freePort()));
        remotePonger = viaRemoting(local, remote, remote.systemActorOf(Fixtures.ponger(), "ponger", Props.empty()));
        pingPong = Fixtures.compile(Fixtures.PING_PONG);
    }

    /** {@code ref} (an actor of {@code owner}) as {@code from} reaches it: through Artery, serialized. */
    static <T> ActorRef<T> viaRemoting(ActorSystem<?> from, ActorSystem<?> owner, ActorRef<T> ref) {
        String path = ActorRefResolver.get(owner).toSerializationFormat(ref);
        return ActorRefResolver.get(from).resolveActorRef(path);
    }

    @TearDown
    public void tearDown() {
        local.terminate();
        remote.terminate();
    }

    @Benchmark
    public void rawRemotePingPong() throws Exception {
        Fixtures.rawPingPong(local, remotePonger, Fixtures.ROUNDS);
    }

    @Benchmark
    public Object sessionRemotePingPong() throws Exception {
        return Fixtures.runSession(local, SessionSpec.of(pingPong).withPlacement(new SplitPlacement(remote, "B")));
    }

    /** A on the session's system, {@code remoteRole} on the other one. */
    record SplitPlacement(ActorSystem<?> other, String remoteRole) implements RolePlacement {
        @Override
        public Peers place(org.apache.pekko.actor.typed.javadsl.ActorContext<SessionActor.Command> context,
                           SessionSpec spec, Map<String, Participant> participants) {
            Map<String, ActorRef<RoleActor.Command>> refs = new HashMap<>();
            RoleHandlers handlers = spec.handlers();
            for (Participant p : participants.values()) {
                boolean away = p.name().equals(remoteRole);
                ActorRef<SessionActor.Command> session = away
                        ? viaRemoting(other, context.getSystem(), context.getSelf()) : context.getSelf();
                RoleActor.Setup setup = new RoleActor.Setup(spec.sessionId(), p, p.name(),
                        handlers.create(p.role(), p.name(), p.name()), spec.extensions(), session);
                refs.put(p.name(), away
                        ? viaRemoting(context.getSystem(), other, other.systemActorOf(RoleActor.create(setup),
                                "role-" + spec.sessionId(), Props.empty()))
                        : context.spawn(RoleActor.create(setup), p.name()));
            }
            Peers peers = new Peers.Local(refs);
            refs.values().forEach(r -> r.tell(new RoleActor.Start(peers)));
            return peers;
        }
    }
}
