package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.upgrade.UpgradeCheck;
import io.choreo.projection.upgrade.UpgradeReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seeded sweeps of {@link UpgradeCheck} over {@link RandomProtocols}: a protocol compared with itself is identical
 * and safe everywhere; a protocol wrapped in a choice whose second branch gains a message keeps every state of the
 * first branch safe and blocks the start of the two roles that changed; and every state reported safe is checked by
 * an oracle that shares no code with the check: random journals to it and random continuations from it, replayed
 * on both machines, must be accepted by both and end alike. Each failure names its seed.
 */
class UpgradeCheckPropertyTest {
    static final int SEEDS = Integer.getInteger("choreo.upgrade.seeds", 300);

    static CompiledProtocol compile(String text) {
        Compiler.Compilation c = Compiler.compile("upgrade.choreo", text);
        return c.hasErrors() ? null : c.protocols().get(0);
    }

    @Test
    void aProtocolComparedWithItselfIsIdentical() {
        int checked = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            String text = RandomProtocols.generate(seed);
            CompiledProtocol p = compile(text);
            if (p == null) {
                continue;
            }
            UpgradeReport r = UpgradeCheck.compare(p, compile(text));
            if (r.verdict() == UpgradeReport.Verdict.INCONCLUSIVE) {
                continue;
            }
            assertEquals(UpgradeReport.Verdict.IDENTICAL, r.verdict(), "seed " + seed + "\n" + text + r);
            checked++;
        }
        assertTrue(checked > SEEDS / 5, "only " + checked + " protocols compiled");
    }

    @Test
    void aChangeInOneBranchLeavesTheOtherBranchSafe() {
        int checked = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            String generated = RandomProtocols.generate(seed);
            if (compile(generated) == null) {
                continue;
            }
            String roles = generated.substring(generated.indexOf("roles:") + 6, generated.indexOf(";\n")).trim();
            String body = generated.substring(generated.indexOf(";\n") + 2, generated.lastIndexOf('}'));
            List<String> declared = List.of(roles.split(",\\s*"));
            List<String> plain = declared.stream().filter(r -> !r.contains("[")).toList();
            if (plain.isEmpty() || declared.size() < 2) {
                continue;
            }
            String chooser = plain.get(0);
            String other = declared.stream().filter(r -> !r.equals(chooser)).findFirst().orElseThrow()
                    .replace("[2]", "[0]");
            String older = wrap(roles, chooser, declared, body, "");
            String newer = wrap(roles, chooser, declared, body, chooser + " -> " + other + ": Extra;\n");
            CompiledProtocol o = compile(older);
            CompiledProtocol n = compile(newer);
            if (o == null || n == null) {
                continue;
            }
            UpgradeReport r = UpgradeCheck.compare(o, n);
            if (r.verdict() == UpgradeReport.Verdict.INCONCLUSIVE) {
                continue;
            }
            String context = "seed " + seed + "\nOLD\n" + older + "NEW\n" + newer + r;
            assertEquals(UpgradeReport.Verdict.BLOCKED, r.verdict(), context);
            for (UpgradeReport.RoleDiff role : r.roles()) {
                for (UpgradeReport.ParticipantDiff p : role.participants()) {
                    for (UpgradeReport.BlockedState b : p.blocked()) {
                        assertTrue(!b.history().contains("Keep"), "a state of the unchanged branch is blocked: "
                                + p.participant() + " " + b + "\n" + context);
                    }
                    boolean changed = p.participant().equals(chooser) || p.participant().equals(other);
                    assertEquals(changed, p.blocked().stream().anyMatch(b -> b.history().equals("start")),
                            p.participant() + "\n" + context);
                }
            }
            replayOracle(o, n, r, seed, context);
            checked++;
        }
        assertTrue(checked > SEEDS / 10, "only " + checked + " pairs compiled");
    }

    /** {@code chooser} tells everyone the branch, then the body; the second branch ends with {@code extra}. */
    static String wrap(String roles, String chooser, List<String> declared, String body, String extra) {
        StringBuilder tell = new StringBuilder();
        for (String r : declared) {
            if (!r.equals(chooser)) {
                tell.append(chooser).append(" -> ").append(r.replace("[2]", "[*]")).append(": %s;\n");
            }
        }
        return "choreography U {\n roles: " + roles + ";\n choice " + chooser + " {\n keep: {\n"
                + tell.toString().replace("%s", "Keep") + body + " }\n change: {\n"
                + tell.toString().replace("%s", "Change") + body + extra + " }\n }\n}\n";
    }

    /** Random journals to each state reported safe, and random continuations, must replay alike on both. */
    static void replayOracle(CompiledProtocol o, CompiledProtocol n, UpgradeReport report, long seed, String context) {
        Map<String, LocalType> before = concrete(o);
        Map<String, LocalType> after = concrete(n);
        Random rnd = new Random(seed);
        for (UpgradeReport.RoleDiff role : report.roles()) {
            for (UpgradeReport.ParticipantDiff p : role.participants()) {
                LocalMachine mo = LocalMachine.of(before.get(p.participant()), 100_000);
                LocalMachine mn = LocalMachine.of(after.get(p.participant()), 100_000);
                Set<Integer> blocked = p.blocked().stream().map(UpgradeReport.BlockedState::state)
                        .collect(Collectors.toSet());
                for (int walk = 0; walk < 20; walk++) {
                    List<String> journal = new ArrayList<>();
                    int s = 0;
                    for (int step = 0; step < 12; step++) {
                        if (!blocked.contains(s)) {
                            List<String> word = new ArrayList<>(journal);
                            word.addAll(continuation(mo, s, rnd));
                            assertAlike(mo, mn, word, p.participant() + " journal " + word + "\n" + context);
                        }
                        var ts = mo.transitions(s);
                        if (ts.isEmpty()) {
                            break;
                        }
                        var t = ts.get(rnd.nextInt(ts.size()));
                        journal.add(key(t));
                        s = t.to();
                    }
                }
            }
        }
    }

    static Map<String, LocalType> concrete(CompiledProtocol p) {
        return DeadlockChecker.participants(p, ResolvedBindings.forChecking(p.global(), Bindings.none(), 3, 2));
    }

    static List<String> continuation(LocalMachine m, int from, Random rnd) {
        List<String> out = new ArrayList<>();
        int s = from;
        for (int i = 0; i < 15 && !m.transitions(s).isEmpty(); i++) {
            var t = m.transitions(s).get(rnd.nextInt(m.transitions(s).size()));
            out.add(key(t));
            s = t.to();
        }
        return out;
    }

    /** Both machines accept {@code word}, and afterwards offer the same actions and end alike. */
    static void assertAlike(LocalMachine mo, LocalMachine mn, List<String> word, String context) {
        Set<Integer> so = run(mo, word);
        Set<Integer> sn = run(mn, word);
        assertTrue(!so.isEmpty() && !sn.isEmpty(), "not replayed: " + context);
        assertEquals(offers(mo, so), offers(mn, sn), context);
        assertEquals(so.stream().anyMatch(mo::isFinal), sn.stream().anyMatch(mn::isFinal), context);
    }

    static Set<Integer> run(LocalMachine m, List<String> word) {
        Set<Integer> states = Set.of(0);
        for (String a : word) {
            Set<Integer> next = new HashSet<>();
            for (int s : states) {
                m.transitions(s).stream().filter(t -> key(t).equals(a)).forEach(t -> next.add(t.to()));
            }
            states = next;
        }
        return states;
    }

    static Set<String> offers(LocalMachine m, Set<Integer> states) {
        return states.stream().flatMap(s -> m.transitions(s).stream()).map(UpgradeCheckPropertyTest::key)
                .collect(Collectors.toSet());
    }

    static String key(LocalMachine.Transition t) {
        return t.peer() + (t.isSend() ? "!" : "?") + t.message();
    }
}
