package io.choreo.console.view;

import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.session.SessionError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session as the console knows it, from the journal or from the node it runs on.
 *
 * @param source the protocol as DSL text ("" for hand-written programs or when unknown)
 * @param startedAt epoch milliseconds
 * @param endedAt epoch milliseconds, or 0 while running
 * @param failure the typed cause, or null
 * @param messages messages sent, in order
 * @param received messages consumed, in order (for live sessions: the messages sent, taken as delivered)
 * @param live whether the session runs on this node
 */
public record SessionData(String id, String protocol, String source, Bindings bindings, List<String> participants,
                          long startedAt, long endedAt, SessionStatus status, SessionError failure,
                          List<MessageView> messages, List<MessageView> received, Map<String, Set<String>> facts,
                          Map<String, List<String>> decisions, boolean live) {

    /** A session known only by its start. */
    public static SessionData started(String id, String protocol, String source, Bindings bindings,
                                      List<String> participants, long at, boolean live) {
        return new SessionData(id, protocol, source, bindings, List.copyOf(participants), at, 0,
                SessionStatus.RUNNING, null, List.of(), List.of(), Map.of(), Map.of(), live);
    }

    /** A session that ended at {@code at}: completed when {@code failure} is null. */
    public SessionData ended(long at, SessionError cause) {
        return new SessionData(id, protocol, source, bindings, participants, startedAt, at,
                cause == null ? SessionStatus.COMPLETED : SessionStatus.FAILED, cause, messages, received, facts,
                decisions, live);
    }

    /** This session with what was exchanged. */
    public SessionData withActivity(List<MessageView> sent, List<MessageView> consumed, Map<String, Set<String>> f,
                                    Map<String, List<String>> d) {
        return new SessionData(id, protocol, source, bindings, participants, startedAt, endedAt, status, failure,
                List.copyOf(sent), List.copyOf(consumed), f, d, live);
    }

    /** Running time so far (or in total once ended), given the current time. */
    public long durationMillis(long now) {
        return Math.max(0, (endedAt > 0 ? endedAt : now) - startedAt);
    }
}
