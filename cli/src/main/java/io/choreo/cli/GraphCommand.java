package io.choreo.cli;

import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalFsm;
import io.choreo.projection.render.DotRenderer;
import io.choreo.projection.render.MermaidRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo graph FILE --format mermaid|dot}: a sequence diagram, or the local state machines. */
@Command(name = "graph", description = "Draw the global protocol (mermaid) or each participant's state machine (dot).")
final class GraphCommand implements Callable<Integer> {
    enum Format { mermaid, dot }

    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolSource source;

    @Option(names = {"-f", "--format"}, defaultValue = "mermaid", description = "mermaid (default) or dot.")
    Format format;

    @Option(names = {"-r", "--role"}, paramLabel = "ROLE", description = "With dot: only this role's machines.")
    String role;

    @Mixin
    BindingOptions bindings;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        return source.forEach(spec.commandLine().getErr(), (p, several) -> {
            bindings.checkNames(java.util.List.of(p));
            if (format == Format.mermaid) {
                out.print(MermaidRenderer.render(p.global()));
                return ExitCodes.OK;
            }
            if (role != null) {
                p.local(role);
            }
            DeadlockChecker.participants(p, bindings.resolvedFor(p)).forEach((name, type) -> {
                if (role == null || name.equals(role) || name.startsWith(role + "[")) {
                    out.print(DotRenderer.render(p.name() + "." + name, LocalFsm.of(type, 100_000)));
                }
            });
            return ExitCodes.OK;
        });
    }
}
