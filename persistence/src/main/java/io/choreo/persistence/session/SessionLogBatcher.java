package io.choreo.persistence.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Gathers the session log's records while its {@link SessionLogWriter} writes, and hands them over as one batch once
 * the write is done: an event-sourced actor has one write in flight, so a record per write would queue every
 * session's records behind each other (two journal round trips per session, one after another, for the whole actor
 * system). Records keep the order they were heard in. A batch whose write failed (the writer restarts and recovers)
 * is written again.
 */
final class SessionLogBatcher {
    private SessionLogBatcher() {
    }

    /** What the batcher is told. */
    sealed interface Command {
    }

    /** Journal {@code record}. */
    record Write(SessionRecord record) implements Command {
    }

    /** Reply once every record received so far is journaled (at shutdown). */
    record Drain(ActorRef<Done> replyTo) implements Command {
    }

    /** The writer wrote {@code batch} ({@code error} null), or did not. */
    private record Written(List<SessionRecord> batch, Throwable error) implements Command {
    }

    /** How long a batch's write may take before it is written again (beyond the journal's own call timeout). */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    static Behavior<Command> create() {
        return Behaviors.setup(ctx -> {
            ActorRef<SessionLogWriter.Command> writer = ctx.spawn(SessionLogWriter.create(), "writer");
            return idle(ctx, writer);
        });
    }

    private static Behavior<Command> idle(ActorContext<Command> ctx, ActorRef<SessionLogWriter.Command> writer) {
        return Behaviors.receive(Command.class)
                .onMessage(Write.class, w -> writing(ctx, writer, List.of(w.record())))
                .onMessage(Drain.class, d -> {
                    d.replyTo().tell(Done.getInstance());
                    return Behaviors.same();
                })
                .build();
    }

    /** Writes {@code batch}; gathers what comes meanwhile for the next write. */
    private static Behavior<Command> writing(ActorContext<Command> ctx, ActorRef<SessionLogWriter.Command> writer,
                                             List<SessionRecord> batch) {
        ctx.ask(Done.class, writer, WRITE_TIMEOUT, replyTo -> new SessionLogWriter.Write(batch, replyTo),
                (done, error) -> new Written(batch, error));
        List<SessionRecord> next = new ArrayList<>();
        List<ActorRef<Done>> drains = new ArrayList<>();
        return Behaviors.receive(Command.class)
                .onMessage(Write.class, w -> {
                    next.add(w.record());
                    return Behaviors.same();
                })
                .onMessage(Drain.class, d -> {
                    drains.add(d.replyTo());
                    return Behaviors.same();
                })
                .onMessage(Written.class, w -> {
                    if (w.error() != null) {
                        ctx.getLog().warn("writing {} session log records failed, writing them again: {}",
                                w.batch().size(), w.error().getMessage());
                        next.addAll(0, w.batch());
                    }
                    if (next.isEmpty()) {
                        drains.forEach(d -> d.tell(Done.getInstance()));
                        return idle(ctx, writer);
                    }
                    drains.forEach(d -> ctx.getSelf().tell(new Drain(d)));
                    return writing(ctx, writer, List.copyOf(next));
                })
                .build();
    }
}
