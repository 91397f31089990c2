package io.choreo.cli;

import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Synthesis;
import io.choreo.projection.local.LocalTypePrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo project FILE [--role R]}: local types in the canonical notation. */
@Command(name = "project", description = "Print the local type of each role (or of --role) in canonical notation.")
final class ProjectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolSource source;

    @Option(names = {"-r", "--role"}, paramLabel = "ROLE", description = "Only this role.")
    String role;

    @Option(names = "--concrete", description = "Instantiate role arrays with the --bind/--symbol values "
            + "(default size 3) and print one type per instance.")
    boolean concrete;

    @Mixin
    BindingOptions bindings;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        return source.forEach(spec.commandLine().getErr(), bindings.toBindings(), (p, several) -> {
            bindings.checkNames(java.util.List.of(p));
            if (several) {
                out.println("// " + p.name());
            }
            if (p.synthesized()) {
                return synthesized(p, out);
            }
            if (role != null) {
                p.local(role);
            }
            if (concrete) {
                DeadlockChecker.participants(p, bindings.resolvedFor(p)).forEach((name, type) -> {
                    if (role == null || name.equals(role) || name.startsWith(role + "[")) {
                        out.println(name + ": " + LocalTypePrinter.print(type));
                    }
                });
            } else if (role != null) {
                out.println(p.print(role));
            } else {
                p.locals().keySet().forEach(r -> out.println(r + ": " + p.print(r)));
            }
            return ExitCodes.OK;
        });
    }

    /**
     * The synthesized local type of each participant (or of {@code --role}'s) at the bound sizes (arrays of 3 by
     * default), as {@code choreo check} prints them: such a protocol has no parametric types.
     */
    private int synthesized(io.choreo.projection.CompiledProtocol p, java.io.PrintWriter out) {
        if (role != null && p.global().role(role).isEmpty()) {
            throw new UsageError("no role '" + role + "' in " + p.name() + "; roles: " + p.global().roleNames());
        }
        Synthesis.printed(p, bindings.resolvedFor(p)).forEach((name, type) -> {
            if (role == null || name.equals(role) || name.startsWith(role + "[")) {
                out.println(name + ": " + type);
            }
        });
        return ExitCodes.OK;
    }
}
