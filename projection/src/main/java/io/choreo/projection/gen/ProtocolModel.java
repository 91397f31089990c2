package io.choreo.projection.gen;

import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.print.PrettyPrinter;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.global.Desugarer;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.Traversal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the generated sources of one protocol are made from: messages, roles, their choices and guard inputs. */
record ProtocolModel(String pkg, String name, Map<String, MessageType> messages, List<Role> roles) {

    /** One branch of a choice: label, enum constant, and the guard as written (empty if unguarded). */
    record Branch(String label, String constant, String guard) {
    }

    /** A choice a role decides: its enum's name, the choice's line and branches. */
    record Choice(String enumName, int line, List<Branch> branches) {
        List<String> labels() {
            return branches.stream().map(Branch::label).toList();
        }
    }

    /**
     * A role: what it sends and receives, the choices it decides, the variables (name → Java type) its guards read.
     */
    record Role(String name, boolean array, Set<String> sends, Set<String> receives, List<Choice> choices,
                Map<String, String> guardVariables, List<Timeout> timeouts) {
    }

    /** A timed choice the role waits at: the handler method its timeout calls, and the choice's line. */
    record Timeout(String method, int line, String deadline) {
    }

    static ProtocolModel of(CompiledProtocol protocol, String pkg) {
        List<Global.Comm> comms = Traversal.messages(protocol.global().body());
        Map<String, MessageType> messages = new LinkedHashMap<>();
        comms.forEach(c -> messages.putIfAbsent(c.label(), c.message()));
        List<Global.Choice> choices = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Traversal.forEach(protocol.global().body(), g -> {
            if (g instanceof Global.Choice c && !isLoopDecision(c) && seen.add(c.span().offset())) {
                choices.add(c);
            }
        });
        List<Role> roles = new ArrayList<>();
        for (RoleDecl decl : protocol.global().roles()) {
            String role = decl.name();
            Set<String> sends = new LinkedHashSet<>();
            Set<String> receives = new LinkedHashSet<>();
            for (Global.Comm c : comms) {
                if (c.from().role().equals(role) && !c.implicit()) {
                    sends.add(c.label());
                }
                if (c.to().role().equals(role) && !c.implicit()) {
                    receives.add(c.label());
                }
            }
            List<Choice> decided = new ArrayList<>();
            List<Timeout> timeouts = new ArrayList<>();
            GuardInputs guards = new GuardInputs();
            for (Global.Choice c : choices) {
                if (!c.deciderRole().equals(role)) {
                    continue;
                }
                if (c.timed()) {
                    timeouts.add(new Timeout("onTimeout" + (timeouts.isEmpty() ? "" : String.valueOf(timeouts.size()
                            + 1)), c.span().line(), c.deadline().orElseThrow().toString()));
                    continue;
                }
                String enumName = role + "Choice" + (decided.isEmpty() ? "" : String.valueOf(decided.size() + 1));
                List<Branch> branches = new ArrayList<>();
                Set<String> constants = new HashSet<>(Set.of("LINE", "LABELS"));
                for (Global.Branch b : c.branches()) {
                    String constant = JavaNames.constant(b.label());
                    while (!constants.add(constant)) {
                        constant = constant + "_";
                    }
                    b.guard().ifPresent(guards::add);
                    branches.add(new Branch(b.label(), constant,
                            b.guard().map(PrettyPrinter::expression).orElse("")));
                }
                decided.add(new Choice(enumName, c.span().line(), branches));
            }
            roles.add(new Role(role, decl.isArray(), sends, receives, decided, guards.javaTypes(), timeouts));
        }
        return new ProtocolModel(pkg, protocol.name(), messages, roles);
    }

    /** The choice a {@code loop (decides: …)} was desugared to: decided by {@code continueLoop}, not a branch. */
    private static boolean isLoopDecision(Global.Choice c) {
        return c.branches().stream().map(Global.Branch::label).toList()
                .equals(List.of(Desugarer.CONTINUE_BRANCH, Desugarer.DONE_BRANCH));
    }
}
