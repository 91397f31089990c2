package io.choreo.persistence.session;

import io.choreo.dsl.print.PrettyPrinter;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.observe.SessionListener;
import io.choreo.runtime.session.IdentityMemo;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSource;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A {@link SessionListener} that journals each session's start and outcome as {@link SessionRecord}s, so consoles
 * and audits can list sessions from the journal. Enabled by the configurations of
 * {@link io.choreo.persistence.config.JournalDatabase} ({@code choreo.runtime.session-listeners}). At shutdown, the
 * actor system waits (up to {@link #DRAIN_TIMEOUT}) until the outcomes it heard are journaled.
 */
public final class SessionLog implements SessionListener {
    /** The tag of every session-log event. */
    public static final String TAG = "choreo-sessions";

    /** How long shutdown waits for outcomes still being journaled. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final ActorRef<SessionLogBatcher.Command> writer;

    public SessionLog(ActorSystem<?> system) {
        this.writer = system.systemActorOf(SessionLogBatcher.create(), "choreo-session-log", Props.empty());
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "choreo-session-log-drain",
                () -> AskPattern.<SessionLogBatcher.Command, Done>ask(writer, SessionLogBatcher.Drain::new,
                        DRAIN_TIMEOUT, system.scheduler()).exceptionally(timedOut -> Done.getInstance()));
    }

    @Override
    public void started(SessionSpec spec, Map<String, Participant> participants, Instant at) {
        writer.tell(new SessionLogBatcher.Write(new SessionRecord.Started(spec.sessionId(), spec.name(), sourceText(spec), spec.bindings(),
                List.copyOf(participants.keySet()), at.toEpochMilli())));
    }

    /** The session's protocol as DSL text, or "" for hand-written programs (printed once per protocol). */
    public static String sourceText(SessionSpec spec) {
        if (!(spec.source() instanceof SessionSource.Projected p)) {
            return "";
        }
        return PRINTED.get(p.protocol(), protocol -> PrettyPrinter.print(protocol.global().source()));
    }

    /** Printed sources by protocol instance (identity: no deep hashing of the protocol); bounded. */
    private static final IdentityMemo<io.choreo.projection.CompiledProtocol, String> PRINTED =
            new IdentityMemo<>(256);

    @Override
    public void ended(SessionOutcome outcome, Instant at) {
        writer.tell(new SessionLogBatcher.Write(outcome instanceof SessionOutcome.SessionFailed f
                ? new SessionRecord.Failed(f.sessionId(), f.cause(), at.toEpochMilli())
                : new SessionRecord.Completed(outcome.sessionId(), at.toEpochMilli())));
    }
}
