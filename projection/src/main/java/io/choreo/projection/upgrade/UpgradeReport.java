package io.choreo.projection.upgrade;

import java.util.List;

/**
 * What {@code choreo diff OLD NEW} reports: per role whether its local type changed, and per participant (arrays at
 * the checking sizes) the in-flight states where the new version is not a safe replacement.
 *
 * @param roles one entry per role of either version, old roles first
 */
public record UpgradeReport(String protocol, String oldVersion, String newVersion, List<RoleDiff> roles) {
    public UpgradeReport {
        roles = List.copyOf(roles);
    }

    /** How the comparison came out, for the whole protocol. */
    public enum Verdict {
        /** No local type changed: sessions in flight run the same on either version. */
        IDENTICAL,
        /** Local types changed, but at every state a participant can be in, its future is the same on both. */
        SAFE,
        /** Some in-flight states block the replacement (listed); sessions in them must finish on the old version. */
        BLOCKED,
        /** A machine exceeded the state budget: nothing is claimed. */
        INCONCLUSIVE
    }

    /**
     * One role.
     *
     * @param oldType the parametric local type in the old version (empty if the role is new)
     * @param newType the same in the new version (empty if the role was removed)
     * @param changed whether the local type changed: its notation, or what its machines send and receive (the
     *        notation leaves out payload types)
     */
    public record RoleDiff(String role, String oldType, String newType, boolean changed,
                           List<ParticipantDiff> participants) {
        public RoleDiff {
            participants = List.copyOf(participants);
        }
    }

    /**
     * One participant: {@code states} of its old machine, of which {@code blocked} are listed.
     *
     * @param problem why every state is blocked or nothing was checked (added/removed participant, budget); empty
     *        otherwise
     */
    public record ParticipantDiff(String participant, int states, List<BlockedState> blocked, String problem,
                                  boolean inconclusive) {
        public ParticipantDiff {
            blocked = List.copyOf(blocked);
        }

        public boolean safe() {
            return blocked.isEmpty() && problem.isEmpty();
        }
    }

    /**
     * An in-flight state of the old machine where the new version differs.
     *
     * @param history the shortest journal that leads there, as actions ({@code start} for none)
     * @param waitingFor what the participant does next in the old version ({@code end} if finished)
     * @param why how the new version differs there, or after it
     */
    public record BlockedState(int state, String history, String waitingFor, String why) {
    }

    public Verdict verdict() {
        var all = roles.stream().flatMap(r -> r.participants().stream()).toList();
        if (all.stream().anyMatch(ParticipantDiff::inconclusive)) {
            return Verdict.INCONCLUSIVE;
        }
        if (all.stream().anyMatch(p -> !p.safe())) {
            return Verdict.BLOCKED;
        }
        return roles.stream().anyMatch(RoleDiff::changed) ? Verdict.SAFE : Verdict.IDENTICAL;
    }
}
