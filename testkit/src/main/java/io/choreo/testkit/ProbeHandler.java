package io.choreo.testkit;

import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The handler of a probe-played participant: it hands every call to its {@link RoleProbe} and, for sends, choices
 * and loop decisions, waits (on the participant's actor, up to the probe's answer timeout) for the test's answer.
 * A missing answer fails the participant with a {@code HandlerFailed} that says which call the test left open.
 */
final class ProbeHandler implements RoleHandler {
    private final RoleProbe probe;

    ProbeHandler(RoleProbe probe) {
        this.probe = probe;
    }

    @Override
    public Object payload(SendContext send) {
        return await(probe.offer(new ProbeEvent.Send(send, new CompletableFuture<>())),
                "expectSend(\"" + send.label() + "\").reply(...)");
    }

    @Override
    public void received(ReceiveContext received) {
        if (!received.implicit()) {
            probe.offer(new ProbeEvent.Received(received));
        }
    }

    @Override
    public Map<String, ?> guardVariables(ChoiceContext choice) {
        return probe.guardVariables();
    }

    @Override
    public String choose(ChoiceContext choice) {
        return (String) await(probe.offer(new ProbeEvent.Choice(choice, new CompletableFuture<>())),
                "choose(label)");
    }

    @Override
    public boolean continueLoop(LoopContext loop) {
        return (Boolean) await(probe.offer(new ProbeEvent.Loop(loop, new CompletableFuture<>())),
                "continueLoop(boolean)");
    }

    @Override
    public Object result() {
        return probe.result();
    }

    private Object await(ProbeEvent event, String expected) {
        try {
            return event.answer().get(probe.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            probe.withdraw(event);
            throw new IllegalStateException("the test did not answer the " + event.describe() + " of probe "
                    + probe.participant() + " within " + probe.answerTimeout().toMillis() + " ms (expected "
                    + expected + ")");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("probe " + probe.participant() + " was interrupted", e);
        }
    }
}
