package io.choreo.runtime.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A role handler whose answers may take time: it returns {@link CompletionStage}s, and the role pipes each result
 * to itself, staying responsive (status requests, the session's timeout) while it waits; other messages wait in
 * its stash. The synchronous methods of {@link RoleHandler} are the defaults of the asynchronous ones, so a handler
 * overrides only what needs to be asynchronous. A failed stage fails the session like a throwing handler
 * ({@code HandlerFailed}). Guard variables and the result stay synchronous. For annotated sends the payload is asked
 * before the capability guard and the charge (nothing is sent or charged if they deny).
 */
public interface AsyncRoleHandler extends RoleHandler {

    default CompletionStage<Object> payloadAsync(SendContext send) {
        return CompletableFuture.completedFuture(payload(send));
    }

    default CompletionStage<Void> receivedAsync(ReceiveContext received) {
        received(received);
        return CompletableFuture.completedFuture(null);
    }

    default CompletionStage<String> chooseAsync(ChoiceContext choice) {
        return CompletableFuture.completedFuture(choose(choice));
    }

    default CompletionStage<Boolean> continueLoopAsync(LoopContext loop) {
        return CompletableFuture.completedFuture(continueLoop(loop));
    }
}
