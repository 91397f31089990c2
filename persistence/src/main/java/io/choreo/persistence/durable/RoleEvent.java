package io.choreo.persistence.durable;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.choreo.persistence.journal.FactRecorded;
import io.choreo.runtime.engine.PayloadTypeIds;
import io.choreo.runtime.wire.CborSerializable;
import java.util.List;
import java.util.Set;

/**
 * The persisted progress of a durable participant. Payloads are stored with their type id and version
 * ({@link PayloadTypeIds}), never a Java class name. Replaying its events moves the participant's local type to
 * exactly where it was: each decision, send and receive is one event, and the steps a participant takes at once
 * (a receive and the sends that answer it) are written together as one {@link Steps} record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(RoleEvent.Decided.class),
    @JsonSubTypes.Type(RoleEvent.Sent.class),
    @JsonSubTypes.Type(RoleEvent.Received.class),
    @JsonSubTypes.Type(RoleEvent.Fact.class),
    @JsonSubTypes.Type(RoleEvent.Steps.class),
    @JsonSubTypes.Type(RoleEvent.DeadlineSet.class),
    @JsonSubTypes.Type(RoleEvent.TimedOut.class),
    @JsonSubTypes.Type(RoleEvent.Failed.class)
})
public sealed interface RoleEvent extends CborSerializable {

    /** The participant took branch {@code label} of its next choice. */
    record Decided(String participant, String label) implements RoleEvent {
    }

    /** The participant committed to sending a message (written before it is delivered, redelivered until acked). */
    record Sent(String from, String to, String label, long seq,
                @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                @JsonTypeIdResolver(PayloadTypeIds.Resolver.class) Object payload, Set<String> mergedFacts,
                boolean implicit, long cost, List<String> facts) implements RoleEvent {
    }

    /** The participant consumed a message. */
    record Received(String from, String to, String label, long seq,
                    @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                    @JsonTypeIdResolver(PayloadTypeIds.Resolver.class) Object payload, boolean implicit)
            implements RoleEvent {
    }

    /**
     * The participant reached a timed choice: its deadline falls due at {@code dueAtMillis} (an absolute instant of
     * the actor system's scheduler clock), {@code durationMillis} after it arrived. A participant that resumes
     * re-arms it — and times out at once if it passed.
     */
    record DeadlineSet(long dueAtMillis, long durationMillis) implements RoleEvent {
    }

    /**
     * The deadline passed before an awaited message arrived: the participant took the timeout branch (an audit
     * lists it among the participant's decisions as {@code timeout}).
     */
    record TimedOut(String participant, long atMillis) implements RoleEvent {
    }

    /** A journal fact of the participant, written in the same batch as the send or receive it belongs to. */
    record Fact(FactRecorded fact) implements RoleEvent {
    }

    /** Steps taken at once, written as one record (one journal row, like a bare event-sourced actor's event). */
    record Steps(List<RoleEvent> steps) implements RoleEvent {
    }

    /**
     * The participant failed ({@code error}, as described to the user) in a step that had consumed
     * {@code consumed}: a record for the audit only. Replay does not apply it (the step did not happen), so a
     * resumed session takes that step again from the redelivered messages.
     */
    record Failed(String participant, String error, List<Received> consumed) implements RoleEvent {
    }

    /** The journal's events with every {@link Steps} record opened into its steps, in order. */
    static List<Object> flatten(List<?> journal) {
        List<Object> all = new java.util.ArrayList<>(journal.size());
        for (Object event : journal) {
            if (event instanceof Steps s) {
                all.addAll(s.steps());
            } else {
                all.add(event);
            }
        }
        return all;
    }
}
