package io.choreo.projection.upgrade;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.upgrade.UpgradeReport.BlockedState;
import io.choreo.projection.upgrade.UpgradeReport.ParticipantDiff;
import io.choreo.projection.upgrade.UpgradeReport.RoleDiff;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two versions of a protocol for sessions in flight, by a state-by-state mapping of the compiled machines.
 *
 * <p>A durable participant is persisted as its journal: recovery replays it on the machine of the version the node
 * runs. So an in-flight state {@code s} of the old machine may move to the new version exactly when (1) every
 * journal that leads to {@code s} replays on the new machine, and (2) from every new state it reaches, the new
 * machine's future (its sends, receives and ends, step by step) equals the old machine's from {@code s}. The check
 * explores the synchronous product of the two machines from their starts (pairs reached by the same journal), marks
 * the pairs that differ at once (another set of next actions, or one finished and the other not) and every pair
 * that can reach one; a state is safe if it has a pair and none of its pairs is marked. For deterministic machines
 * (every valid local type) this is exact: trace equivalence of the futures. Its bound: role arrays at the checking
 * sizes (3 instances, symbols 2), loops with a count unrolled in full, at most {@value #MAX_STATES} states per
 * machine and {@value #MAX_PAIRS} pairs, past which the participant is inconclusive. It asks for the same
 * future, not a subtype: a future that differs only where the other participants would never take it is still
 * reported, since the other participants may be on either version.
 */
public final class UpgradeCheck {
    /** Most states of one participant's machine. */
    static final int MAX_STATES = 200_000;
    /** Most pairs of old and new states explored per participant. */
    static final int MAX_PAIRS = 2_000_000;

    private UpgradeCheck() {
    }

    /** Compares {@code older} with {@code newer} (same protocol name expected, not required). */
    public static UpgradeReport compare(CompiledProtocol older, CompiledProtocol newer) {
        Map<String, LocalType> before;
        Map<String, LocalType> after;
        try {
            before = concrete(older);
            after = concrete(newer);
        } catch (BindingException e) {
            return new UpgradeReport(older.name(), older.version(), newer.version(), List.of(new RoleDiff("*",
                    "", "", true, List.of(new ParticipantDiff("*", 0, List.of(), String.join("; ", e.problems()),
                            true)))));
        }
        Set<String> roles = new LinkedHashSet<>(older.locals().keySet());
        roles.addAll(newer.locals().keySet());
        List<RoleDiff> out = new ArrayList<>();
        for (String role : roles) {
            String oldType = older.locals().containsKey(role) ? older.print(role) : "";
            String newType = newer.locals().containsKey(role) ? newer.print(role) : "";
            List<ParticipantDiff> participants = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>(instancesOf(before, role));
            names.addAll(instancesOf(after, role));
            for (String participant : names) {
                participants.add(participant(participant, before.get(participant), after.get(participant)));
            }
            boolean changed = !oldType.equals(newType) || participants.stream().anyMatch(p -> !p.safe());
            out.add(new RoleDiff(role, oldType, newType, changed, participants));
        }
        return new UpgradeReport(older.name(), older.version(), newer.version(), out);
    }

    private static Map<String, LocalType> concrete(CompiledProtocol p) {
        return DeadlockChecker.participants(p, ResolvedBindings.forChecking(p.global(), Bindings.none(),
                DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL));
    }

    private static List<String> instancesOf(Map<String, LocalType> participants, String role) {
        return participants.keySet().stream().filter(n -> n.equals(role) || n.startsWith(role + "[")).toList();
    }

    private static ParticipantDiff participant(String name, LocalType before, LocalType after) {
        if (before == null) {
            return new ParticipantDiff(name, 0, List.of(), "new participant: sessions in flight have no " + name,
                    false);
        }
        if (after == null) {
            return new ParticipantDiff(name, 0, List.of(), "removed: the new version has no " + name, false);
        }
        LocalMachine older;
        LocalMachine newer;
        try {
            older = LocalMachine.of(before, MAX_STATES);
            newer = LocalMachine.of(after, MAX_STATES);
        } catch (LocalMachine.MachineTooLarge e) {
            return new ParticipantDiff(name, 0, List.of(), "inconclusive: a machine has " + e.getMessage(), true);
        }
        return StateMapping.of(older, newer, MAX_PAIRS)
                .map(m -> new ParticipantDiff(name, older.stateCount(), m.blocked(), "", false))
                .orElseGet(() -> new ParticipantDiff(name, older.stateCount(), List.of(),
                        "inconclusive: more than " + MAX_PAIRS + " pairs of states", true));
    }

    /** Used by {@link StateMapping} to describe states. */
    static BlockedState blocked(int state, String history, String waitingFor, String why) {
        return new BlockedState(state, history, waitingFor, why);
    }
}
