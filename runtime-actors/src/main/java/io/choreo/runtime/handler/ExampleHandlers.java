package io.choreo.runtime.handler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Handlers for running any protocol without application code ({@code choreo run}, demo nodes): payloads describe
 * the message; guard variables are the {@code --var} values (a guard reading another variable fails the session
 * with a typed error); decides-loops, and choices that decide a {@code rec}, run {@code --iterations} times and then
 * take the exit; other choices take the first branch whose guard holds. Each participant's result is what it
 * received.
 */
public final class ExampleHandlers implements RoleHandlers {
    private final Map<String, ?> variables;
    private final int iterations;

    public ExampleHandlers(Map<String, ?> variables, int iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be 0 or more, not " + iterations);
        }
        this.variables = Map.copyOf(variables);
        this.iterations = iterations;
    }

    /** The example payload: which message, of what declared type, by whom. */
    public record ExamplePayload(String label, String type, String from) {
    }

    @Override
    public RoleHandler create(String role, String participant, String instanceName) {
        return new RoleHandler() {
            private final List<String> received = new ArrayList<>();
            /** Consecutive loop-back decisions per recursive choice (by source line). */
            private final Map<Integer, Integer> rounds = new HashMap<>();

            @Override
            public Object payload(SendContext send) {
                return new ExamplePayload(send.label(), send.message().toString(), instanceName);
            }

            @Override
            public void received(ReceiveContext r) {
                received.add(r.from() + "?" + r.label());
            }

            @Override
            public Map<String, ?> guardVariables(ChoiceContext choice) {
                return variables;
            }

            @Override
            public String choose(ChoiceContext choice) {
                if (!choice.decidesRecursion()) {
                    return choice.firstEnabled(variables);
                }
                boolean again = rounds.getOrDefault(choice.line(), 0) < iterations;
                String label = choice.firstEnabled(variables, o -> o.loopsBack() == again);
                boolean loopedBack = choice.options().stream()
                        .anyMatch(o -> o.label().equals(label) && o.loopsBack());
                rounds.put(choice.line(), loopedBack ? rounds.getOrDefault(choice.line(), 0) + 1 : 0);
                return label;
            }

            @Override
            public boolean continueLoop(LoopContext loop) {
                return loop.iteration() < iterations;
            }

            @Override
            public Object result() {
                return List.copyOf(received);
            }
        };
    }
}
