package io.choreo.projection.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.choreo.projection.CheckTimingProbe;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalMachine;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The oracle at scale: its compact configurations (only non-empty queues, candidates as one array) must keep it
 * exact. A seeded sweep plants a defect in one participant of long role chains and requires a refutation, never
 * an accept and never "inconclusive"; and the candidate array's operations are checked against a list model.
 */
class OracleScaleTest {
    private static final long SEED = Long.getLong("choreo.property.seed", 20261202L);

    private record Subject(CompiledProtocol protocol, ResolvedBindings resolved, Map<String, LocalMachine> machines) {
        Oracle.Verdict verify(Map<String, LocalMachine> participants) {
            return Oracle.verify(protocol.global(), resolved.counts(), resolved.symbols(), participants,
                    Oracle.Options.DEFAULT);
        }
    }

    private static Subject subject(int roles) {
        Compiler.Compilation c = Compiler.compile("chain.choreo", CheckTimingProbe.chain(roles));
        assertFalse(c.hasErrors(), c::render);
        CompiledProtocol p = c.protocol(null);
        ResolvedBindings resolved = ResolvedBindings.forChecking(p.global(), Bindings.none(),
                DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
        return new Subject(p, resolved, DeadlockChecker.machines(DeadlockChecker.participants(p, resolved),
                DeadlockChecker.Options.DEFAULT));
    }

    /** A copy of {@code m} with the transitions out of each state rewritten by {@code edit} (state to list). */
    private static LocalMachine edited(LocalMachine m, Function<Integer, List<LocalMachine.Transition>> edit) {
        List<List<LocalMachine.Transition>> out = new ArrayList<>();
        BitSet ends = new BitSet();
        for (int s = 0; s < m.stateCount(); s++) {
            out.add(edit.apply(s));
            ends.set(s, m.isFinal(s));
        }
        return LocalMachine.of(out, ends);
    }

    private static LocalMachine.Transition relabel(LocalMachine.Transition t, String label) {
        return new LocalMachine.Transition(t.kind(), t.peer(), label, t.payload(), t.origin(), t.to());
    }

    @Test
    void aDefectPlantedInOneParticipantOfALongChainIsAlwaysRefuted() {
        for (int roles : new int[] {3, 40, 200}) {
            Subject s = subject(roles);
            assertEquals(Oracle.Kind.EQUIVALENT, s.verify(s.machines()).kind(), "chain of " + roles);
            Random random = new Random(SEED + roles);
            List<String> names = List.copyOf(s.machines().keySet());
            for (int trial = 0; trial < 6; trial++) {
                String victim = names.get(random.nextInt(names.size()));
                LocalMachine m = s.machines().get(victim);
                int at = random.nextInt(m.stateCount());
                int kind = trial % 3;
                // an extra alternative must be a send: an extra receive nobody sends to is not behaviour
                while (m.transitions(at).isEmpty() || kind == 2 && !m.transitions(at).get(0).isSend()) {
                    at = (at + 1) % m.stateCount();
                }
                int state = at;
                LocalMachine bad = edited(m, x -> {
                    List<LocalMachine.Transition> ts = new ArrayList<>(m.transitions(x));
                    if (x == state && kind == 0) {
                        ts.clear(); // stops early: the global run goes on without it
                    } else if (x == state && kind == 1) {
                        ts.set(0, relabel(ts.get(0), "Wrong")); // does something else
                    } else if (x == state) {
                        ts.add(relabel(ts.get(0), "Extra")); // may also do something extra
                    }
                    return ts;
                });
                Map<String, LocalMachine> planted = new LinkedHashMap<>(s.machines());
                planted.put(victim, bad);
                Oracle.Verdict v = s.verify(planted);
                String what = "seed " + (SEED + roles) + ", chain of " + roles + ", trial " + trial + ": " + victim
                        + " edited (" + kind + ") at state " + state + ": " + v;
                assertNotEquals(Oracle.Kind.EQUIVALENT, v.kind(), what);
                assertNotEquals(Oracle.Kind.INCONCLUSIVE, v.kind(), what);
                if (kind == 2) {
                    assertEquals(Oracle.Kind.EXTRA_BEHAVIOUR, v.kind(), what);
                }
            }
        }
    }

    @Test
    void candidateArraysAgreeWithAListModel() {
        for (int round = 0; round < 2_000; round++) {
            long seed = SEED + round;
            Random r = new Random(seed);
            int n = 2 + r.nextInt(6);
            List<List<Integer>> model = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                model.add(new ArrayList<>());
            }
            Cand c = Cand.initial(n);
            int g = 0;
            for (int step = 0; step < 20; step++) {
                int p = r.nextInt(n);
                if (r.nextBoolean() || model.get(p).isEmpty()) {
                    int q = (p + 1 + r.nextInt(n - 1)) % n;
                    int a = r.nextInt(100);
                    int b = r.nextInt(100);
                    g = r.nextInt(50);
                    c = c.append(g, p, a, q, b);
                    model.get(p).add(a);
                    model.get(q).add(b);
                } else {
                    int j = r.nextInt(model.get(p).size());
                    c = c.without(c.start(p) + j);
                    model.get(p).remove(j);
                }
                assertEquals(g, c.g(), "seed " + seed);
                boolean empty = true;
                for (int x = 0; x < n; x++) {
                    int start = c.start(x);
                    List<Integer> lag = new ArrayList<>();
                    for (int i = start; i < c.end(start); i++) {
                        lag.add(c.data()[i]);
                    }
                    assertEquals(model.get(x), lag, "seed " + seed + ", participant " + x);
                    empty &= lag.isEmpty();
                }
                assertEquals(empty, c.allEmpty(), "seed " + seed);
                assertEquals(c, new Cand(new IntsKey(c.data().clone())), "seed " + seed);
            }
        }
    }
}
