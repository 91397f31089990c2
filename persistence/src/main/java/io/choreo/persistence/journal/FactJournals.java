package io.choreo.persistence.journal;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Routes fact commands to the {@link FactJournal} of each (session, participant), starting it on first use. */
public final class FactJournals {
    private FactJournals() {
    }

    /** A fact command for one participant of one session. */
    public record Route(String sessionId, String participant, FactJournal.Command command) {
    }

    public static Behavior<Route> create() {
        return Behaviors.setup(ctx -> {
            Map<String, ActorRef<FactJournal.Command>> journals = new HashMap<>();
            return Behaviors.receive(Route.class)
                    .onMessage(Route.class, route -> {
                        String key = route.sessionId() + "|" + route.participant();
                        ActorRef<FactJournal.Command> journal = journals.computeIfAbsent(key, k -> {
                            ActorRef<FactJournal.Command> ref = ctx.spawn(FactJournal.create(route.sessionId(),
                                    route.participant()), "facts-" + Integer.toHexString(k.hashCode()) + "-"
                                    + journals.size());
                            return ref;
                        });
                        journal.tell(route.command());
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
