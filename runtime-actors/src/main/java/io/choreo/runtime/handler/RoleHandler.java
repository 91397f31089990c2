package io.choreo.runtime.handler;

import java.util.Map;

/**
 * Application code for one participant of a session. The runtime calls it from the role's actor, one call at a
 * time: to supply payloads for sends, consume received payloads, pick choice branches and loop decisions, and give
 * guard variables. Every method has a default, so a handler overrides only what it cares about.
 */
public interface RoleHandler {

    /** The payload of a message about to be sent; {@code null} sends the label alone. */
    default Object payload(SendContext send) {
        return null;
    }

    /** A message was received. */
    default void received(ReceiveContext received) {
    }

    /** Variables the choice guards of this role are evaluated against. */
    default Map<String, ?> guardVariables(ChoiceContext choice) {
        return Map.of();
    }

    /**
     * The branch to take where this role decides a choice. The default takes the first branch whose guard holds
     * (a branch without a guard always holds) for {@link #guardVariables}.
     */
    default String choose(ChoiceContext choice) {
        return choice.firstEnabled(guardVariables(choice));
    }

    /**
     * Whether a {@code loop (decides: …)} this role decides runs another iteration. The default runs one iteration,
     * so an unhandled loop ends rather than spinning forever.
     */
    default boolean continueLoop(LoopContext loop) {
        return loop.iteration() == 0;
    }

    /** The participant's result, reported in {@code SessionCompleted} when the session ends. */
    /** The deadline of a timed choice this role waits at passed: the {@code timeout} branch follows. */
    default void timedOut(TimeoutContext timeout) {
    }

    default Object result() {
        return null;
    }
}
