package io.choreo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.RandomProtocols;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Synthesis;
import io.choreo.projection.local.LocalTypePrinter;
import io.choreo.projection.local.Participants;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Property: a random protocol (the projection's {@code OraclePropertyTest} generator) that the merge rejects but the
 * decision accepts runs on its synthesized local types, with random decisions over several seeds, to completion —
 * every participant finished — and with every message sent consumed by its receiver, in order per channel (no
 * deadlock, no orphan). Protocols that cannot end from every point (an endless {@code rec}) are counted, not run.
 * Seeded: {@code -Dchoreo.synth.seed} (default 20261126), {@code -Dchoreo.synth.count}
 * protocols generated (default 2,000), {@code -Dchoreo.synth.runs} runs of each (default 4).
 */
class SynthesizedRunPropertyTest {
    static final ActorTestKit kit = ActorTestKit.create();
    /** As OraclePropertyTest decides: the default state budget, a short time budget. */
    private static final DeadlockChecker.Options OPTIONS = new DeadlockChecker.Options(3,
            DeadlockChecker.Options.DEFAULT.maxStates(), Duration.ofMillis(300), 2);
    /** Loop-backs of a recursive choice, and iterations of a decided loop, after which a run leaves the loop. */
    private static final int MAX_ROUNDS = 3;

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void protocolsOnlyTheDecisionAcceptsRunToCompletionWithEveryMessageConsumed() {
        long base = Long.getLong("choreo.synth.seed", 20261126L);
        int count = Integer.getInteger("choreo.synth.count", 2_000);
        int runs = Integer.getInteger("choreo.synth.runs", 4);
        System.out.printf("synthesized runs: protocols from seed %d, %d generated, %d runs each%n", base, count, runs);
        List<Long> ran = new ArrayList<>();
        List<Long> endless = new ArrayList<>();
        int sessions = 0;
        long started = System.nanoTime();
        long running = 0;
        for (int i = 0; i < count; i++) {
            long seed = base + i;
            String text = RandomProtocols.generate(seed);
            Compiler.Compilation c = Compiler.compile("random.choreo", text);
            if (c.parse().hasErrors() || c.protocols().size() != 1) {
                continue;
            }
            Optional<CompiledProtocol> synthesized = Synthesis.complete(c.protocols().get(0), Bindings.none(), OPTIONS);
            if (synthesized.isEmpty()) {
                continue;
            }
            CompiledProtocol p = synthesized.get();
            ResolvedBindings resolved = ResolvedBindings.forChecking(p.global(), Bindings.none(),
                    DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            if (!canAlwaysEnd(p, resolved)) {
                endless.add(seed);
                continue;
            }
            ran.add(seed);
            Bindings sizes = resolved.bindings();
            long before = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                check(p, sizes, seed, seed * 31 + r, text);
                sessions++;
            }
            running += System.nanoTime() - before;
        }
        System.out.printf("synthesized runs: %d protocols only the decision accepts (seeds %s), %d sessions, all "
                + "completed with every message consumed; %d more never end (no run of theirs completes: %s); %d ms in all, "
                + "%d ms running sessions%n", ran.size(), ran, sessions, endless.size(), endless,
                (System.nanoTime() - started) / 1_000_000, running / 1_000_000);
        assertTrue(ran.size() >= 3, "too few synthesized protocols to mean anything: " + ran);
    }

    private static void check(CompiledProtocol p, Bindings sizes, long seed, long runSeed, String text) {
        SessionSpec spec = SessionSpec.of(p).withBindings(sizes).withTimeout(RuntimeTestSupport.SHORT)
                .withTrace(true).withHandlers(random(runSeed));
        SessionOutcome outcome = RuntimeTestSupport.run(kit, spec);
        String where = "seed " + seed + " (run seed " + runSeed + ", -Dchoreo.synth.seed=" + seed
                + " -Dchoreo.synth.count=1)\n" + text + "\n" + types(p, sizes) + "\n" + outcome;
        if (!(outcome instanceof SessionOutcome.SessionCompleted done)) {
            fail(where);
            return;
        }
        Map<String, Map<String, List<String>>> sent = new TreeMap<>();
        for (TraceEvent e : done.trace()) {
            if (!e.local()) {
                sent.computeIfAbsent(e.to(), k -> new TreeMap<>()).computeIfAbsent(e.from(), k -> new ArrayList<>())
                        .add(e.label());
            }
        }
        Map<String, Map<String, List<String>>> consumed = new TreeMap<>();
        done.results().forEach((participant, result) -> {
            Map<String, List<String>> byPeer = new TreeMap<>();
            for (Object o : (List<?>) result) {
                String[] fromLabel = o.toString().split("\\?", 2);
                byPeer.computeIfAbsent(fromLabel[0], k -> new ArrayList<>()).add(fromLabel[1]);
            }
            if (!byPeer.isEmpty()) {
                consumed.put(participant, byPeer);
            }
        });
        assertEquals(Participants.of(p, ResolvedBindings.resolve(p.global(), sizes)).keySet(),
                done.results().keySet(), () -> "every participant finished: " + where);
        assertEquals(sent, consumed, () -> "every message sent is consumed, in order per channel: " + where);
    }

    /** Whether the protocol can end from everywhere: from each state of its global automaton a final one is reached. */
    private static boolean canAlwaysEnd(CompiledProtocol p, ResolvedBindings sizes) {
        GlobalMachine g = GlobalMachine.of(p.global(), sizes.counts(), sizes.symbols(), Integer.MAX_VALUE,
                Synthesis.MAX_STATES);
        List<List<Integer>> back = new ArrayList<>();
        for (int s = 0; s < g.stateCount(); s++) {
            back.add(new ArrayList<>());
        }
        java.util.BitSet ends = new java.util.BitSet();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        for (int s = 0; s < g.stateCount(); s++) {
            for (var e : g.edges(s)) {
                back.get(e.to()).add(s);
            }
            if (g.isFinal(s)) {
                ends.set(s);
                todo.add(s);
            }
        }
        while (!todo.isEmpty()) {
            for (int from : back.get(todo.poll())) {
                if (!ends.get(from)) {
                    ends.set(from);
                    todo.add(from);
                }
            }
        }
        return ends.cardinality() == g.stateCount();
    }

    private static String types(CompiledProtocol p, Bindings sizes) {
        StringBuilder b = new StringBuilder();
        Participants.of(p, ResolvedBindings.resolve(p.global(), sizes)).forEach((name, participant) ->
                b.append(name).append(": ").append(LocalTypePrinter.print(participant.type())).append('\n'));
        return b.toString();
    }

    /** Handlers that decide at random (leaving loops after a few rounds) and record what they receive. */
    static RoleHandlers random(long seed) {
        return (role, participant, name) -> new RoleHandler() {
            private final Random rnd = new Random(seed * 1_000_003L + participant.hashCode());
            private final List<String> received = new ArrayList<>();
            private final Map<Integer, Integer> rounds = new HashMap<>();

            @Override
            public void received(ReceiveContext r) {
                received.add(r.from() + "?" + r.label());
            }

            @Override
            public String choose(ChoiceContext c) {
                List<ChoiceContext.Option> options = c.options();
                if (c.decidesRecursion() && rounds.merge(c.line(), 1, Integer::sum) > MAX_ROUNDS) {
                    options = options.stream().filter(o -> !o.loopsBack()).toList();
                }
                return options.get(rnd.nextInt(options.size())).label();
            }

            @Override
            public boolean continueLoop(LoopContext loop) {
                return loop.iteration() < MAX_ROUNDS && rnd.nextBoolean();
            }

            @Override
            public Object result() {
                return List.copyOf(received);
            }
        };
    }
}
