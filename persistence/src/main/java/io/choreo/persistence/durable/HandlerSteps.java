package io.choreo.persistence.durable;

import io.choreo.projection.local.LocalType;
import io.choreo.runtime.engine.Position;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.role.Decisions;
import io.choreo.runtime.role.HandlerCalls;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import io.choreo.runtime.role.SendPipeline;
import io.choreo.runtime.role.Waits;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The steps of a durable participant that need its handler (decisions, payloads, receives) or wait for something
 * else (a flow-budget charge). A synchronous handler answers at once, within the batch; an asynchronous one
 * ({@link AsyncRoleHandler}, or an application actor playing the role) ends the batch, as a pending charge does: the
 * batch is written meanwhile, and the answer comes back as {@link Answered}, whose {@link Resume} takes it up as the
 * first step of the next batch.
 */
final class HandlerSteps {

    /** An asynchronous handler answered the call {@code what}. */
    record Answered(Object value, Throwable error, String what, Resume resume, Waits.OnError onError,
                    int incarnation) implements RoleActor.Command {

        /** Takes the answer up in {@code batch}; a failed answer is the handler's typed failure. */
        boolean takeUp(StepBatch batch, String participant) throws RoleFailure {
            if (error != null) {
                Throwable cause = HandlerCalls.cause(error);
                throw onError != null ? onError.apply(cause)
                        : new RoleFailure(HandlerCalls.failure(participant, what, cause));
            }
            return resume.apply(batch, value);
        }
    }

    /** Takes up a step with an answer; false when the participant must wait again. */
    @FunctionalInterface
    interface Resume {
        boolean apply(StepBatch batch, Object answer) throws RoleFailure;
    }

    private final ActorContext<RoleActor.Command> context;
    private final RoleActor.Setup setup;
    private final String me;
    /** The handler if it is asynchronous, else null. */
    private final AsyncRoleHandler handler;
    /** What the participant waits for (an answer, a charge), or null. */
    private String waiting;
    /** Counts the participant's recoveries: an answer asked before the last one is stale. */
    private int incarnation;

    HandlerSteps(ActorContext<RoleActor.Command> context, RoleActor.Setup setup) {
        this.context = context;
        this.setup = setup;
        this.me = setup.participant().name();
        this.handler = setup.handler() instanceof AsyncRoleHandler a ? a : null;
    }

    /** The participant recovered (a failed write restarted it): it waits for no earlier answer. */
    void recovered() {
        incarnation++;
        waiting = null;
    }

    /** What the participant waits for, or null. */
    String waiting() {
        return waiting;
    }

    /**
     * Whether {@code answer} is the one this participant waits for (then it waits no more); an answer to an
     * incarnation that a failed write restarted is not, and is dropped: the new incarnation asks again.
     */
    boolean awaited(Answered answer) {
        if (answer.incarnation() != incarnation || waiting == null) {
            return false;
        }
        waiting = null;
        return true;
    }

    /** Calls the asynchronous handler ({@code onError} null: HandlerFailed); false, as the batch ends here. */
    private <T> boolean ask(String what, HandlerCalls.Call<CompletionStage<T>> call, Waits.OnError onError, Resume resume)
            throws RoleFailure {
        return await("its handler: " + what, what, HandlerCalls.call(me, what, call), onError, resume);
    }

    /**
     * Waits for {@code stage} (a handler's answer, a flow-budget charge; {@code status} says what for, {@code what}
     * names it in a failure); false, as the batch ends here.
     */
    <T> boolean await(String status, String what, CompletionStage<T> stage, Waits.OnError onError, Resume resume) {
        waiting = status;
        context.pipeToSelf(stage, (value, error) -> new Answered(value, error, what, resume, onError,
                incarnation));
        return false;
    }

    /** The decision at {@code p} (a choice, or whether a loop goes on); {@code decided} takes the label. */
    boolean decision(StepBatch batch, RoleMachine machine, Position p, Resume decided) throws RoleFailure {
        LocalType.Select s = machine.choice(p.state());
        if (handler == null) {
            return decided.apply(batch, Decisions.decide(setup.handler(), setup.sessionId(), me, s,
                    p.iterations(machine)));
        }
        int line = s.origin().line();
        if (machine.isLoopDecision(p.state())) {
            LoopContext loop = new LoopContext(setup.sessionId(), me, p.iterations(machine), line);
            return ask("loop decision at line " + line, () -> handler.continueLoopAsync(loop), null,
                    (next, more) -> decided.apply(next, Decisions.loopLabel((Boolean) more)));
        }
        ChoiceContext choice = Decisions.context(setup.sessionId(), me, s);
        return ask("choice at line " + line, () -> handler.chooseAsync(choice),
                error -> Decisions.chooseFailed(handler, choice, me, error),
                (next, label) -> decided.apply(next, Decisions.validate(handler, choice, me, (String) label)));
    }

    /** The payload of {@code node}: {@code send} sends it, given the handler to take it from. */
    boolean payload(StepBatch batch, LocalType.Send node, Resume send) throws RoleFailure {
        if (handler == null || node.implicit()) {
            return send.apply(batch, setup.handler());
        }
        return ask("payload for " + node.label(), () -> handler.payloadAsync(SendPipeline.sendContext(setup, node,
                node.peer().toString())), null,
                (next, payload) -> send.apply(next, SendPipeline.payloadHandler(payload)));
    }

    /** Tells the handler of a receive it has not heard of (false: wait for its answer), or goes on (true). */
    boolean received(RoleEvent.Received r) throws RoleFailure {
        if (handler == null) {
            HandlerNotices.tell(setup, r);
            return true;
        }
        ReceiveContext unheard = HandlerNotices.unheard(setup, r);
        return unheard == null || ask("received(" + r.label() + ")", () -> handler.receivedAsync(unheard), null,
                (batch, done) -> true);
    }

    /** Shows a fresh handler the receives it has not heard of, one after the other. */
    void replay(List<RoleEvent.Received> received) throws RoleFailure {
        if (handler == null) {
            for (RoleEvent.Received r : received) {
                HandlerNotices.tell(setup, r);
            }
            return;
        }
        CompletionStage<Void> all = CompletableFuture.completedFuture(null);
        for (RoleEvent.Received r : received) {
            ReceiveContext unheard = HandlerNotices.unheard(setup, r);
            if (unheard != null) {
                all = all.thenCompose(v -> handler.receivedAsync(unheard));
            }
        }
        CompletionStage<Void> replayed = all;
        ask("received (replayed)", () -> replayed, null, (batch, done) -> true);
    }
}
