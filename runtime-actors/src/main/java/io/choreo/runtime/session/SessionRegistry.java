package io.choreo.runtime.session;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where sessions record their protocol fingerprint when they start. A session id claimed with one fingerprint
 * cannot run another protocol (or other bindings): the session fails with {@link SessionError.SessionIdConflict}.
 * Durable sessions record it in the journal (persistence module); in-memory sessions leave nothing behind to mix
 * with, and record nothing.
 */
public interface SessionRegistry {

    /**
     * Claims {@code sessionId} for {@code fingerprint}: answers free if the id is new or has this fingerprint, else
     * with a description of the protocol that holds it.
     *
     * @param context the session actor, which may spawn helpers (a journal entity) as children
     */
    CompletionStage<Answer> claim(ActorContext<?> context, String sessionId, Fingerprint fingerprint);

    /**
     * A claim's answer: who holds the id (empty: the session may run), and how to learn that the claim is recorded
     * (a session may start before its claim is written, but ends only once it is).
     */
    record Answer(Optional<String> heldBy, CompletionStage<?> recorded) {
        public static Answer free(CompletionStage<?> recorded) {
            return new Answer(Optional.empty(), recorded);
        }

        public static Answer heldBy(String holder) {
            return new Answer(Optional.of(holder), CompletableFuture.completedFuture(null));
        }
    }

    /** Records nothing: every claim succeeds (and the session does not compute its fingerprint). */
    SessionRegistry NONE = (context, id, fingerprint) -> CompletableFuture.completedFuture(
            Answer.free(CompletableFuture.completedFuture(null)));

    /** Records nothing: every claim succeeds. */
    static SessionRegistry none() {
        return NONE;
    }
}
