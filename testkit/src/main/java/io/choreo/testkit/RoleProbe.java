package io.choreo.testkit;

import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * A participant played by the test. Its actor follows the protocol as usual; where a handler would supply a
 * payload, pick a branch or decide a loop, it waits for the test ({@link #expectSend}{@code .reply(payload)},
 * {@link #choose}, {@link #continueLoop}); what it receives the test reads with {@link #expectReceive}. Events come
 * in the order the participant's actor meets them. Implicit control messages of decides-loops are not shown.
 *
 * <p>Every {@code expect…} waits up to the kit's expect timeout and fails the test (an opentest4j
 * {@link AssertionFailedError}) when the next event is another one; the participant waiting on that event is failed
 * too, so the session ends instead of hanging.
 */
public final class RoleProbe {
    private final String participant;
    private final Duration expectTimeout;
    private final Duration answerTimeout;
    private final BlockingQueue<ProbeEvent> events = new LinkedBlockingQueue<>();
    private volatile Map<String, ?> guardVariables = Map.of();
    private volatile Object result;

    RoleProbe(String participant, Duration expectTimeout, Duration answerTimeout) {
        this.participant = participant;
        this.expectTimeout = expectTimeout;
        this.answerTimeout = answerTimeout;
    }

    /** The participant this probe plays ({@code Shop}, {@code Followers[1]}). */
    public String participant() {
        return participant;
    }

    /** The variables this participant's choice guards are evaluated against (none by default). */
    public RoleProbe withGuardVariables(Map<String, ?> variables) {
        this.guardVariables = Map.copyOf(variables);
        return this;
    }

    /** The participant's result, reported in {@code SessionCompleted} (null by default). */
    public RoleProbe withResult(Object value) {
        this.result = value;
        return this;
    }

    /** Waits for the participant to send {@code label}; answer with {@link PendingSend#reply}. */
    public PendingSend expectSend(String label) {
        ProbeEvent.Send send = next(ProbeEvent.Send.class, "a send of " + label);
        if (!send.context().label().equals(label)) {
            throw mismatch(send, "a send of " + label);
        }
        return new PendingSend(send);
    }

    /** Waits for the participant to receive {@code label} and returns what it received. */
    public ReceiveContext expectReceive(String label) {
        ProbeEvent.Received r = next(ProbeEvent.Received.class, "a receipt of " + label);
        if (!r.context().label().equals(label)) {
            throw mismatch(r, "a receipt of " + label);
        }
        return r.context();
    }

    /** Waits for the participant to receive {@code label} and returns its payload as a {@code type}. */
    public <T> T expectReceive(String label, Class<T> type) {
        Object payload = expectReceive(label).payload();
        if (!type.isInstance(payload)) {
            throw new AssertionFailedError(participant + " received " + label + " with a payload of "
                    + (payload == null ? "null" : payload.getClass().getName()) + ", not a " + type.getName(),
                    type.getName(), payload);
        }
        return type.cast(payload);
    }

    /** Waits for a choice this participant decides and returns it, to inspect before {@link PendingChoice#choose}. */
    public PendingChoice expectChoice() {
        return new PendingChoice(next(ProbeEvent.Choice.class, "a choice"));
    }

    /** Waits for a choice this participant decides and takes branch {@code label}. */
    public RoleProbe choose(String label) {
        return expectChoice().choose(label);
    }

    /** Waits for a {@code loop (decides: …)} decision of this participant and answers it. */
    public RoleProbe continueLoop(boolean again) {
        ProbeEvent.Loop loop = next(ProbeEvent.Loop.class, "a loop decision");
        loop.answer().complete(again);
        return this;
    }

    /** Fails if the participant does anything within {@code within}. */
    public RoleProbe expectNoEvent(Duration within) {
        ProbeEvent e = poll(within);
        if (e != null) {
            throw mismatch(e, "nothing within " + within.toMillis() + " ms");
        }
        return this;
    }

    /** A send the participant waits to be given a payload for. */
    public final class PendingSend {
        private final ProbeEvent.Send send;

        PendingSend(ProbeEvent.Send send) {
            this.send = send;
        }

        /** Who the message goes to, the label, its declared types and source line. */
        public SendContext context() {
            return send.context();
        }

        /** Sends the message with {@code payload} ({@code null} sends the label alone). */
        public RoleProbe reply(Object payload) {
            send.answer().complete(payload);
            return RoleProbe.this;
        }
    }

    /** A choice the participant waits to be told the branch of. */
    public final class PendingChoice {
        private final ProbeEvent.Choice choice;

        PendingChoice(ProbeEvent.Choice choice) {
            this.choice = choice;
        }

        /** The branches, their guards and the source line. */
        public ChoiceContext context() {
            return choice.context();
        }

        /**
         * Takes branch {@code label}. The runtime still enforces the branch's guard against
         * {@link #withGuardVariables}.
         */
        public RoleProbe choose(String label) {
            if (!choice.context().labels().contains(label)) {
                AssertionFailedError e = new AssertionFailedError(participant + " cannot choose '" + label
                        + "' at line " + choice.context().line() + ": the branches are " + choice.context().labels());
                choice.answer().completeExceptionally(e);
                throw e;
            }
            choice.answer().complete(label);
            return RoleProbe.this;
        }
    }

    ProbeEvent offer(ProbeEvent event) {
        events.add(event);
        return event;
    }

    /** The participant stopped waiting for an answer to {@code event}: the test no longer sees it. */
    void withdraw(ProbeEvent event) {
        events.remove(event);
    }

    Map<String, ?> guardVariables() {
        return guardVariables;
    }

    Object result() {
        return result;
    }

    Duration answerTimeout() {
        return answerTimeout;
    }

    /** Fails every question the participant still waits on (the kit is closing). */
    void abandon() {
        for (ProbeEvent e : events) {
            if (e.answer() != null) {
                e.answer().completeExceptionally(new IllegalStateException("the test ended without answering"));
            }
        }
    }

    private <E extends ProbeEvent> E next(Class<E> kind, String expected) {
        ProbeEvent e = poll(expectTimeout);
        if (e == null) {
            throw new AssertionFailedError(participant + ": expected " + expected + " within "
                    + expectTimeout.toMillis() + " ms, but the participant did nothing");
        }
        if (!kind.isInstance(e)) {
            throw mismatch(e, expected);
        }
        return kind.cast(e);
    }

    private ProbeEvent poll(Duration within) {
        try {
            return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError(participant + ": interrupted while waiting", ex);
        }
    }

    private AssertionFailedError mismatch(ProbeEvent actual, String expected) {
        AssertionFailedError e = new AssertionFailedError(participant + ": expected " + expected + ", but got the "
                + actual.describe(), expected, actual.describe());
        CompletableFuture<Object> answer = actual.answer();
        if (answer != null) {
            answer.completeExceptionally(e);
        }
        return e;
    }
}
