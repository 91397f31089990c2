package io.choreo.runtime.handler;

import io.choreo.dsl.eval.GuardEvaluator;
import io.choreo.dsl.eval.GuardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Handlers for running any protocol without application code ({@code choreo run}, demo nodes): payloads describe the message, choices take the
 * first branch whose guard holds for the {@code --var} values (a guard naming a variable that was not given counts
 * as false), decides-loops run {@code --iterations} times, and each participant's result is what it received.
 */
public final class ExampleHandlers implements RoleHandlers {
    private final Map<String, ?> variables;
    private final int iterations;

    public ExampleHandlers(Map<String, ?> variables, int iterations) {
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

            @Override
            public Object payload(SendContext send) {
                return new ExamplePayload(send.label(), send.message().toString(), instanceName);
            }

            @Override
            public void received(ReceiveContext r) {
                received.add(r.from() + "?" + r.label());
            }

            @Override
            public String choose(ChoiceContext choice) {
                for (ChoiceContext.Option o : choice.options()) {
                    try {
                        if (o.guard().isEmpty() || GuardEvaluator.test(o.guard().get(), variables)) {
                            return o.label();
                        }
                    } catch (GuardException unsupplied) {
                        // a guard over variables not given with --var counts as false
                    }
                }
                return choice.options().get(choice.options().size() - 1).label();
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
