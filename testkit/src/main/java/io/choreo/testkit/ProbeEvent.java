package io.choreo.testkit;

import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import java.util.concurrent.CompletableFuture;

/**
 * What a probe-played participant asked of the test, or told it, in the order its actor did it. Sends, choices and
 * loop decisions wait for the test's answer ({@code answer}); receipts do not.
 */
sealed interface ProbeEvent {

    /** One line for assertion messages. */
    String describe();

    /** The answer the participant waits for, or null for a receipt. */
    CompletableFuture<Object> answer();

    record Send(SendContext context, CompletableFuture<Object> answer) implements ProbeEvent {
        @Override
        public String describe() {
            return "send of " + context.label() + " to " + context.to();
        }
    }

    record Choice(ChoiceContext context, CompletableFuture<Object> answer) implements ProbeEvent {
        @Override
        public String describe() {
            return "choice at line " + context.line() + " between " + context.labels();
        }
    }

    record Loop(LoopContext context, CompletableFuture<Object> answer) implements ProbeEvent {
        @Override
        public String describe() {
            return "loop decision at line " + context.line() + " (iteration " + context.iteration() + ")";
        }
    }

    record Received(ReceiveContext context) implements ProbeEvent {
        @Override
        public String describe() {
            return "receipt of " + context.label() + " from " + context.from();
        }

        @Override
        public CompletableFuture<Object> answer() {
            return null;
        }
    }
}
