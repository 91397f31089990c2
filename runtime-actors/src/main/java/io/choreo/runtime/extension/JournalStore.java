package io.choreo.runtime.extension;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Where journal facts ({@code journal_facts = "a,b"}) go. Writes are asynchronous: the role waits for the
 * completion before it goes on, and a failed write fails the session, so nothing is reported as recorded that was
 * not. Recording is idempotent: facts are sets.
 */
public interface JournalStore {

    /** Adds {@code facts} to the participant's fact set. */
    CompletionStage<Done> record(String sessionId, String participant, List<String> facts);

    /** {@code journal_merge}: adds the sender's fact set to the receiver's (set union). */
    default CompletionStage<Done> merge(String sessionId, String participant, Set<String> facts) {
        return record(sessionId, participant, List.copyOf(facts));
    }

    /** The facts of every participant of a session. */
    CompletionStage<Map<String, Set<String>>> facts(String sessionId);
}
