package io.choreo.runtime.engine;

import io.choreo.projection.local.LocalType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state machine of one participant's concrete local type, compiled once and shared by every session of the
 * protocol: integer states, each of one {@link Kind}; per receiving state a table from (sender, label) to the next
 * state; per sending state the precomputed send; choice points with their branch targets; loops with a count as a
 * counter slot (entered with the count, tested at the end of each iteration), never unrolled. Immutable after
 * {@link #of compilation}, so sessions on any thread read it without locks.
 */
public final class RoleMachine {

    /** What a state asks of its participant. */
    public enum Kind {
        /** Nothing left to do. */
        END,
        /** Send {@link #send(int)}, then go to {@link #sendNext(int)}. */
        SEND,
        /** Decide one of {@link #choice(int)}'s branches. */
        CHOOSE,
        /** Wait for one of the messages of the state's receive table. */
        RECEIVE,
        /** Internal: set a loop counter to its count and go on. */
        LOOP_ENTER,
        /** Internal: run the loop body again while the counter is positive, else leave the loop. */
        LOOP_TEST
    }

    /** Compiled machines by local type (types are values: equal types share a machine). */
    private static final Map<LocalType, RoleMachine> CACHE = new ConcurrentHashMap<>();
    /** The same, by the identity of the type object (sessions of one protocol share their types): no deep hashing. */
    private static final Map<LocalType, RoleMachine> BY_IDENTITY = new java.util.IdentityHashMap<>();
    /** Sessions with more distinct local types than this start a fresh cache (no unbounded growth). */
    static final int MAX_CACHED = 4_096;

    final Kind[] kinds;
    final LocalType.Send[] sends;
    final String[] sendTo;
    final LocalType.Select[] choices;
    /** SEND: the next state; LOOP_ENTER: the test state; LOOP_TEST: the body state; CHOOSE: per branch below. */
    final int[] next;
    /** LOOP_TEST: the state after the loop. */
    final int[] exit;
    /** LOOP_ENTER: the count; LOOP_TEST and loop decisions: the counter slot. */
    final int[] count;
    final int[] slot;
    final int[][] branchNext;
    final String[][] fromPeers;
    final String[][] labels;
    final int[][] receiveNext;
    final boolean[] parallel;
    final String[] waitingFor;
    /** RECEIVE of a timed choice: its deadline (else null), the timeout branch's state, which entries keep waiting. */
    final io.choreo.dsl.ast.Deadline[] deadlines;
    final int[] timeoutNext;
    final boolean[][] continuesWait;
    final int slots;
    final List<io.choreo.dsl.ast.MessageType> messages;

    RoleMachine(MachineCompiler.Tables t) {
        this.kinds = t.kinds;
        this.sends = t.sends;
        this.sendTo = t.sendTo;
        this.choices = t.choices;
        this.next = t.next;
        this.exit = t.exit;
        this.count = t.count;
        this.slot = t.slot;
        this.branchNext = t.branchNext;
        this.fromPeers = t.fromPeers;
        this.labels = t.labels;
        this.receiveNext = t.receiveNext;
        this.parallel = t.parallel;
        this.waitingFor = t.waitingFor;
        this.deadlines = t.deadlines;
        this.timeoutNext = t.timeoutNext;
        this.continuesWait = t.continuesWait;
        this.slots = t.slots;
        this.messages = t.messages;
    }

    /**
     * The machine of {@code concrete}, compiled on first use and cached.
     *
     * @throws MachineCompiler.MachineTooLarge past {@link MachineCompiler#MAX_STATES} states
     * @throws IllegalStateException for recursion that never reaches an action
     */
    public static RoleMachine of(LocalType concrete) {
        synchronized (BY_IDENTITY) {
            RoleMachine known = BY_IDENTITY.get(concrete);
            if (known != null) {
                return known;
            }
        }
        RoleMachine m = CACHE.get(concrete);
        if (m == null) {
            m = MachineCompiler.compile(concrete);
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(concrete, m);
        }
        synchronized (BY_IDENTITY) {
            if (BY_IDENTITY.size() >= MAX_CACHED) {
                BY_IDENTITY.clear();
            }
            BY_IDENTITY.put(concrete, m);
        }
        return m;
    }

    /** Every message the participant sends or receives (label and declared payload types). */
    public List<io.choreo.dsl.ast.MessageType> messages() {
        return messages;
    }

    public int stateCount() {
        return kinds.length;
    }

    /** How many counters (counted loops and decided loops) a position of this machine carries. */
    public int counterSlots() {
        return slots;
    }

    public Kind kind(int state) {
        return kinds[state];
    }

    /** SEND: the send node (peer, message, annotations, origin). */
    public LocalType.Send send(int state) {
        return sends[state];
    }

    /** SEND: the receiving participant's name. */
    public String sendTo(int state) {
        return sendTo[state];
    }

    public int sendNext(int state) {
        return next[state];
    }

    /** CHOOSE: the choice with its branches and guards. */
    public LocalType.Select choice(int state) {
        return choices[state];
    }

    /** CHOOSE: the index of branch {@code label}; {@link IllegalStateException} if there is none. */
    public int branch(int state, String label) {
        LocalType.Select s = choices[state];
        for (int i = 0; i < s.branches().size(); i++) {
            if (s.branches().get(i).label().equals(label)) {
                return i;
            }
        }
        throw new IllegalStateException("'" + label + "' is not a branch of the choice at line " + s.origin().line());
    }

    /** CHOOSE: true for the continue/exit decision of a {@code loop (decides: …)}. */
    public boolean isLoopDecision(int state) {
        return slot[state] >= 0;
    }

    /** RECEIVE: true when a message from {@code from} may be consumed here. */
    public boolean acceptsFrom(int state, String from) {
        for (String p : fromPeers[state]) {
            if (p.equals(from)) {
                return true;
            }
        }
        return false;
    }

    /** RECEIVE: the index of the entry for ({@code from}, {@code label}), or -1. */
    public int receiveIndex(int state, String from, String label) {
        String[] peers = fromPeers[state];
        String[] ls = labels[state];
        for (int i = 0; i < peers.length; i++) {
            if (ls[i].equals(label) && peers[i].equals(from)) {
                return i;
            }
        }
        return -1;
    }

    /** RECEIVE: true when the state interleaves parallel branches (a message may wait for its branch). */
    public boolean isParallel(int state) {
        return parallel[state];
    }

    /** RECEIVE: the deadline of the timed choice the state waits at, or null for an ordinary receive. */
    public io.choreo.dsl.ast.Deadline deadline(int state) {
        return deadlines[state];
    }

    /** RECEIVE of a timed choice: the choice (its deadline and branches); CHOOSE: see {@link #choice}. */
    public LocalType.Select timedChoice(int state) {
        return deadlines[state] == null ? null : choices[state];
    }

    /**
     * RECEIVE of a timed choice: true when consuming entry {@code entry} leads to the next link of the same wait (a
     * gather under one deadline), so the deadline timer keeps running; false when the wait is over.
     */
    public boolean continuesWait(int state, int entry) {
        return deadlines[state] != null && continuesWait[state][entry];
    }

    /** RECEIVE: the messages the state waits for, as {@code A?Offer or B?Vote}. */
    public String waitingFor(int state) {
        return waitingFor[state];
    }

    /** RECEIVE: what the state accepts from {@code from}, as {@code A?Offer or A?Reject}. */
    public String expectedFrom(int state, String from) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fromPeers[state].length; i++) {
            if (fromPeers[state][i].equals(from)) {
                b.append(b.length() == 0 ? "" : " or ").append(from).append('?').append(labels[state][i]);
            }
        }
        return b.toString();
    }
}
