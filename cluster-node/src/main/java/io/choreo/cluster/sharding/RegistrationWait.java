package io.choreo.cluster.sharding;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;

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
    public static final Duration RECHECK = Duration.ofMillis(100);

    private final long graceNanos;
    private long missingSince = -1;
    private boolean recheckScheduled;

    public RegistrationWait(ActorSystem<?> system) {
        this.graceNanos = system.settings().config().getDuration(GRACE_KEY).toNanos();
    }

    /** True while the grace since the version was first found missing has not run out (starts it the first time). */
    public boolean stillWaiting() {
        long now = System.nanoTime();
        if (missingSince < 0) {
            missingSince = now;
        }
        return now - missingSince < graceNanos;
    }

    /** True if no recheck is scheduled yet (and one is now): at most one is in flight, whatever the reminders. */
    public boolean scheduleRecheck() {
        if (recheckScheduled) {
            return false;
        }
        recheckScheduled = true;
        return true;
    }

    /** The scheduled recheck arrived. */
    public void recheckDue() {
        recheckScheduled = false;
    }
}
