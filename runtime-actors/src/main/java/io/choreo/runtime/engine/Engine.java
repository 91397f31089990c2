package io.choreo.runtime.engine;

/**
 * The one engine under every role shell (in-memory, durable, simulated): a pure {@code step(position, event)} over a
 * compiled {@link RoleMachine}. The returned position is always settled — internal loop steps are taken — so its
 * {@link RoleMachine#kind kind} is the effect the shell carries out: {@code SEND} (run the send pipeline and send
 * {@link RoleMachine#send}), {@code CHOOSE} (ask the handler), {@code RECEIVE} (wait for a message of the table,
 * under a deadline at a timed choice: {@link Event.TimedOut} takes its timeout branch) or
 * {@code END} (report the result). Deterministic, so a durable participant replaying its events reaches the same
 * position.
 */
public final class Engine {
    private Engine() {
    }

    /** What happened to a participant. */
    public sealed interface Event {
        /** It took branch {@code branch} (an index into the choice's branches) at a CHOOSE state. */
        record Chose(int branch) implements Event {
        }

        /** It sent the message of a SEND state. */
        record Sent() implements Event {
        }

        /** It consumed entry {@code entry} of a RECEIVE state's table ({@link RoleMachine#receiveIndex}). */
        record Received(int entry) implements Event {
        }

        /** Its deadline passed while it waited at a timed choice: it takes the timeout branch. */
        record TimedOut() implements Event {
        }
    }

    /** The settled start position. */
    public static Position start(RoleMachine m) {
        return settle(m, Position.start(m).state(), Position.start(m).counters());
    }

    /** The position after {@code event}; {@link IllegalStateException} if the state does not allow it. */
    public static Position step(RoleMachine m, Position p, Event event) {
        if (event instanceof Event.Sent) {
            return sent(m, p);
        } else if (event instanceof Event.Received r) {
            return received(m, p, r.entry());
        } else if (event instanceof Event.TimedOut) {
            return timedOut(m, p);
        }
        return chose(m, p, ((Event.Chose) event).branch());
    }

    public static Position sent(RoleMachine m, Position p) {
        expect(m, p, RoleMachine.Kind.SEND);
        return settle(m, m.next[p.state()], p.counters());
    }

    public static Position received(RoleMachine m, Position p, int entry) {
        expect(m, p, RoleMachine.Kind.RECEIVE);
        return settle(m, m.receiveNext[p.state()][entry], p.counters());
    }

    /** The timeout branch of the timed choice the participant waits at. */
    public static Position timedOut(RoleMachine m, Position p) {
        expect(m, p, RoleMachine.Kind.RECEIVE);
        if (m.deadlines[p.state()] == null) {
            throw new IllegalStateException("cannot time out at a receive without a deadline");
        }
        return settle(m, m.timeoutNext[p.state()], p.counters());
    }

    public static Position chose(RoleMachine m, Position p, int branch) {
        expect(m, p, RoleMachine.Kind.CHOOSE);
        int[] counters = p.counters();
        int slot = m.slot[p.state()];
        if (slot >= 0) {
            counters = counters.clone();
            counters[slot] = branch == 0 ? counters[slot] + 1 : 0;
        }
        return settle(m, m.branchNext[p.state()][branch], counters);
    }

    /** Takes internal loop steps from {@code state} until the participant has something to do. */
    static Position settle(RoleMachine m, int state, int[] counters) {
        int s = state;
        int[] c = counters;
        boolean copied = false;
        while (true) {
            RoleMachine.Kind k = m.kinds[s];
            if (k == RoleMachine.Kind.LOOP_ENTER) {
                if (!copied) {
                    c = c.clone();
                    copied = true;
                }
                c[m.slot[s]] = m.count[s];
                s = m.next[s];
            } else if (k == RoleMachine.Kind.LOOP_TEST) {
                if (!copied) {
                    c = c.clone();
                    copied = true;
                }
                int slot = m.slot[s];
                if (c[slot] > 0) {
                    c[slot]--;
                    s = m.next[s];
                } else {
                    s = m.exit[s];
                }
            } else {
                return new Position(s, c);
            }
        }
    }

    private static void expect(RoleMachine m, Position p, RoleMachine.Kind kind) {
        if (m.kinds[p.state()] != kind) {
            throw new IllegalStateException("cannot " + kind + " at a " + m.kinds[p.state()] + " state");
        }
    }
}
