package io.choreo.runtime.engine;

import io.choreo.dsl.ast.Bound;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypes;
import io.choreo.runtime.role.Decisions;
import io.choreo.runtime.role.Interpreter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a concrete local type to a {@link RoleMachine} by exploring its residual types breadth-first; equal
 * residuals are one state. A loop with a count becomes a counter slot: entering it sets the counter, and the body's
 * end leads to a test state (a marker loop standing for "the rest of this loop"). Inside parallel blocks counted
 * loops are unrolled (their interleavings are a product anyway); {@link #MAX_STATES} bounds the result.
 */
final class MachineCompiler {
    /** Most states a participant's machine may have. */
    static final int MAX_STATES = 200_000;
    /** Unfoldings without reaching an action after which recursion is considered unguarded. */
    static final int MAX_UNFOLDINGS = 10_000;
    /**
     * The count of a loop that marks "the rest of the loop of slot N" is the symbol {@code MARK + N}: no identifier
     * starts with '#', and every count of a concrete type is a literal, so no user count (however large) is a mark.
     */
    static final String MARK = "#loop-slot-";

    /** Thrown when a machine would exceed {@link #MAX_STATES}. */
    static final class MachineTooLarge extends IllegalStateException {
        MachineTooLarge() {
            super("its local type compiles to more than " + MAX_STATES + " states (a long counted loop inside a "
                    + "parallel block?)");
        }
    }

    /** One state while compiling. */
    private static final class Entry {
        RoleMachine.Kind kind;
        LocalType.Send send;
        LocalType.Select choice;
        int next = -1;
        int exit = -1;
        int count;
        int slot = -1;
        int[] branchNext = new int[0];
        String[] peers = new String[0];
        String[] labels = new String[0];
        int[] receiveNext = new int[0];
        boolean parallel;
        String waitingFor = "";
        io.choreo.dsl.ast.Deadline deadline;
        int timeoutNext = -1;
        boolean[] continuesWait = new boolean[0];
    }

    /** The arrays of a compiled machine. */
    static final class Tables {
        RoleMachine.Kind[] kinds;
        LocalType.Send[] sends;
        String[] sendTo;
        LocalType.Select[] choices;
        int[] next;
        int[] exit;
        int[] count;
        int[] slot;
        int[][] branchNext;
        String[][] fromPeers;
        String[][] labels;
        int[][] receiveNext;
        boolean[] parallel;
        String[] waitingFor;
        io.choreo.dsl.ast.Deadline[] deadlines;
        int[] timeoutNext;
        boolean[][] continuesWait;
        int slots;
        List<io.choreo.dsl.ast.MessageType> messages;
    }

    private final Map<LocalType, Integer> ids = new HashMap<>();
    private final List<LocalType> residuals = new ArrayList<>();
    private final Map<List<LocalType>, Integer> loopSlots = new HashMap<>();
    private final Map<Integer, Integer> decisionSlots = new HashMap<>();
    private final Set<io.choreo.dsl.ast.MessageType> messages = new LinkedHashSet<>();
    private int slots;

    private MachineCompiler() {
    }

    static RoleMachine compile(LocalType concrete) {
        MachineCompiler c = new MachineCompiler();
        c.id(concrete);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < c.residuals.size(); i++) {
            entries.add(c.build(c.residuals.get(i)));
        }
        return new RoleMachine(c.tables(entries));
    }

    private int id(LocalType type) {
        LocalType u = unfold(type);
        Integer known = ids.get(u);
        if (known != null) {
            return known;
        }
        if (residuals.size() >= MAX_STATES) {
            throw new MachineTooLarge();
        }
        int id = residuals.size();
        ids.put(u, id);
        residuals.add(u);
        return id;
    }

    /** Unfolds recursion and finished parallel blocks; stops at loops with a count (they are states). */
    private static LocalType unfold(LocalType type) {
        LocalType t = type;
        for (int depth = 0; depth <= MAX_UNFOLDINGS; depth++) {
            t = LocalSemantics.normalize(t);
            if (t instanceof LocalType.Rec r) {
                t = LocalTypes.substitute(r.body(), r.variable(), r);
            } else if (t instanceof LocalType.Par p) {
                List<LocalType> branches = new ArrayList<>();
                for (LocalType b : p.branches()) {
                    branches.add(Interpreter.unfold(b));
                }
                LocalType.Par par = new LocalType.Par(branches, p.cont());
                if (!LocalSemantics.isFinished(par)) {
                    return par;
                }
                t = p.cont();
            } else {
                return t;
            }
        }
        throw new IllegalStateException("recursion does not reach any action");
    }

    private Entry build(LocalType u) {
        Entry e = new Entry();
        if (u instanceof LocalType.Repeat r) {
            if (r.count() instanceof Bound.Symbol mark && mark.name().startsWith(MARK)) {
                e.kind = RoleMachine.Kind.LOOP_TEST;
                e.slot = Integer.parseInt(mark.name().substring(MARK.length()));
                e.next = id(LocalTypes.replaceEnd(r.body(), r));
                e.exit = id(r.cont());
            } else {
                e.kind = RoleMachine.Kind.LOOP_ENTER;
                e.slot = loopSlots.computeIfAbsent(List.of(r.body(), r.cont()), k -> slots++);
                e.count = ((Bound.Literal) r.count()).value();
                e.next = id(new LocalType.Repeat(new Bound.Symbol(MARK + e.slot), r.body(), r.cont()));
            }
            return e;
        }
        if (u instanceof LocalType.Select timed && timed.timed()) {
            return timedReceive(e, timed);
        }
        Optional<LocalType.Select> choice = Interpreter.pendingChoice(u);
        if (choice.isPresent()) {
            LocalType.Select s = choice.get();
            e.kind = RoleMachine.Kind.CHOOSE;
            e.choice = s;
            e.branchNext = new int[s.branches().size()];
            for (int i = 0; i < e.branchNext.length; i++) {
                LocalType.Branch b = s.branches().get(i);
                e.branchNext[i] = id(u == s ? b.type() : Interpreter.applyChoice(u, b.label()));
            }
            if (Decisions.isLoopDecision(s)) {
                e.slot = decisionSlots.computeIfAbsent(Decisions.loopKey(s), k -> slots++);
            }
            return e;
        }
        if (LocalSemantics.isFinished(u)) {
            e.kind = RoleMachine.Kind.END;
            return e;
        }
        List<LocalSemantics.Move> moves = LocalSemantics.moves(u);
        if (!(u instanceof LocalType.Recv || u instanceof LocalType.Offer)) {
            for (LocalSemantics.Move m : moves) {
                if (!isReceive(m)) {
                    e.kind = RoleMachine.Kind.SEND;
                    e.send = (LocalType.Send) m.step();
                    messages.add(e.send.message());
                    e.next = id(m.next());
                    return e;
                }
            }
        }
        e.kind = RoleMachine.Kind.RECEIVE;
        e.parallel = u instanceof LocalType.Par;
        List<LocalSemantics.Move> receives = moves.stream().filter(MachineCompiler::isReceive).toList();
        e.peers = new String[receives.size()];
        e.labels = new String[receives.size()];
        e.receiveNext = new int[receives.size()];
        Set<String> shown = new LinkedHashSet<>();
        for (int i = 0; i < receives.size(); i++) {
            LocalSemantics.Move m = receives.get(i);
            e.peers[i] = m.action().peer();
            e.labels[i] = m.action().label();
            if (m.step() instanceof LocalType.Recv r) {
                messages.add(r.message());
            }
            e.receiveNext[i] = id(m.next());
            shown.add(m.action().toString());
        }
        e.waitingFor = String.join(" or ", shown);
        return e;
    }

    /**
     * A timed choice is a receiving state: the first messages of its branches, plus a timeout target. An entry
     * whose receive leads straight to the next link of a timed gather ({@code TimedGather}) continues the same wait.
     */
    private Entry timedReceive(Entry e, LocalType.Select s) {
        e.kind = RoleMachine.Kind.RECEIVE;
        e.choice = s;
        e.deadline = s.deadline().orElseThrow();
        List<String> peers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        List<Boolean> continues = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>();
        for (LocalType.Branch b : s.branches()) {
            if (b.label().equals(io.choreo.dsl.ast.Deadline.TIMEOUT_BRANCH)) {
                e.timeoutNext = id(b.type());
                continue;
            }
            for (LocalSemantics.Move m : LocalSemantics.moves(unfold(b.type()))) {
                if (isReceive(m)) {
                    peers.add(m.action().peer());
                    labels.add(m.action().label());
                    next.add(id(m.next()));
                    continues.add(m.step() instanceof LocalType.Recv r && r.cont() instanceof LocalType.Select link
                            && link.timed() && link.origin().equals(s.origin()));
                    if (m.step() instanceof LocalType.Recv r) {
                        messages.add(r.message());
                    }
                    shown.add(m.action().toString());
                }
            }
        }
        e.peers = peers.toArray(String[]::new);
        e.labels = labels.toArray(String[]::new);
        e.receiveNext = next.stream().mapToInt(Integer::intValue).toArray();
        e.continuesWait = new boolean[continues.size()];
        for (int i = 0; i < continues.size(); i++) {
            e.continuesWait[i] = continues.get(i);
        }
        e.waitingFor = String.join(" or ", shown) + " within " + e.deadline;
        return e;
    }

    private Tables tables(List<Entry> entries) {
        int n = entries.size();
        Tables t = new Tables();
        t.kinds = new RoleMachine.Kind[n];
        t.sends = new LocalType.Send[n];
        t.sendTo = new String[n];
        t.choices = new LocalType.Select[n];
        t.next = new int[n];
        t.exit = new int[n];
        t.count = new int[n];
        t.slot = new int[n];
        t.branchNext = new int[n][];
        t.fromPeers = new String[n][];
        t.labels = new String[n][];
        t.receiveNext = new int[n][];
        t.parallel = new boolean[n];
        t.waitingFor = new String[n];
        t.deadlines = new io.choreo.dsl.ast.Deadline[n];
        t.timeoutNext = new int[n];
        t.continuesWait = new boolean[n][];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            t.kinds[i] = e.kind;
            t.sends[i] = e.send;
            t.sendTo[i] = e.send == null ? null : e.send.peer().toString();
            t.choices[i] = e.choice;
            t.next[i] = e.next;
            t.exit[i] = e.exit;
            t.count[i] = e.count;
            t.slot[i] = e.slot;
            t.branchNext[i] = e.branchNext;
            t.fromPeers[i] = e.peers;
            t.labels[i] = e.labels;
            t.receiveNext[i] = e.receiveNext;
            t.parallel[i] = e.parallel;
            t.waitingFor[i] = e.waitingFor;
            t.deadlines[i] = e.deadline;
            t.timeoutNext[i] = e.timeoutNext;
            t.continuesWait[i] = e.continuesWait;
        }
        t.slots = slots;
        t.messages = List.copyOf(messages);
        return t;
    }

    private static boolean isReceive(LocalSemantics.Move m) {
        return m.action().kind() == io.choreo.projection.check.Action.Kind.RECEIVE;
    }
}
