package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalFsm;
import io.choreo.projection.render.DotRenderer;
import io.choreo.projection.render.MermaidRenderer;
import java.util.List;
import java.util.Optional;
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
        Optional<List<CompiledProtocol>> protocols = source.compile(spec.commandLine().getErr());
        if (protocols.isEmpty()) {
            return ExitCodes.INVALID;
        }
        for (CompiledProtocol p : protocols.get()) {
            if (format == Format.mermaid) {
                out.print(MermaidRenderer.render(p.global()));
                continue;
            }
            if (role != null) {
                p.local(role);
            }
            ResolvedBindings b = ResolvedBindings.forChecking(p.global(), bindings.toBindings(),
                    DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            DeadlockChecker.participants(p, b).forEach((name, type) -> {
                if (role == null || name.equals(role) || name.startsWith(role + "[")) {
                    out.print(DotRenderer.render(p.name() + "." + name, LocalFsm.of(type, 100_000)));
                }
            });
        }
        out.flush();
        return ExitCodes.OK;
    }
}
