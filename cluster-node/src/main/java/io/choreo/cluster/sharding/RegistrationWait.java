package io.choreo.cluster.sharding;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * How long an entity waits for its session's protocol version to be registered on this node before it refuses the
 * session with {@code VersionNotHosted}: {@value #GRACE_KEY} (default 5 s), counted from the first time the entity
 * found it missing. Cluster Sharding may place an entity on a node as soon as the node's regions have registered,
 * which for a node just (re)started can come before {@code ChoreoNode.register}; without the wait such a session
 * fails although the node hosts its version a moment later. A node that never registers the version still refuses,
 * after the grace. Mutable, and owned by one entity actor.
 */
public final class RegistrationWait {
    static final String GRACE_KEY = "choreo.cluster.registration-grace";
    /** How often a waiting entity looks at the registry again. */
    private static final Duration RECHECK = Duration.ofMillis(100);

    private final long graceNanos;
    private long missingSince = -1;
    private boolean recheckScheduled;

    public RegistrationWait(ActorSystem<?> system) {
        this.graceNanos = system.settings().config().getDuration(GRACE_KEY).toNanos();
    }

    /**
     * True while the grace since the version was first found missing (now, the first time) has not run out; then
     * {@code recheck} is sent to the entity itself shortly, unless a recheck is on its way already (at most one is in
     * flight, whatever the reminders and resends meanwhile). False: the grace is over, refuse.
     */
    public <T> boolean defer(ActorContext<T> ctx, T recheck) {
        long now = System.nanoTime();
        if (missingSince < 0) {
            missingSince = now;
        }
        if (now - missingSince >= graceNanos) {
            return false;
        }
        if (!recheckScheduled) {
            recheckScheduled = true;
            ctx.scheduleOnce(RECHECK, ctx.getSelf(), recheck);
        }
        return true;
    }

    /** The scheduled recheck arrived. */
    public void recheckDue() {
        recheckScheduled = false;
    }
}
