package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Synthesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The file argument and {@code --protocol} option shared by commands that work on one choreography. */
final class ProtocolSource {
    @Parameters(index = "0", paramLabel = "FILE", description = "A .choreo file.")
    Path file;

    @Option(names = {"-p", "--protocol"}, paramLabel = "NAME",
            description = "Which choreography of the file (needed when it declares several).")
    String protocol;

    /**
     * Compiles the file; on errors prints the diagnostics to {@code err} and returns empty. Warnings are printed too.
     */
    Optional<List<CompiledProtocol>> compile(PrintWriter err) throws IOException {
        return compile(err, null);
    }

    /**
     * As {@link #compile(PrintWriter)}, but a protocol whose only errors are the merge's E210 and that the decision
     * (at the checking sizes of {@code synthesizeAt}) shows implementable is accepted as
     * {@link CompiledProtocol#synthesized() synthesized}, with a note on {@code err}; null synthesizes nothing.
     */
    Optional<List<CompiledProtocol>> compile(PrintWriter err, Bindings synthesizeAt) throws IOException {
        Compiler.Compilation c = Compiler.compile(file);
        if (synthesizeAt != null && !c.parse().hasErrors()) {
            c = new Compiler.Compilation(c.parse(), c.protocols().stream().map(p -> Synthesis.complete(p, synthesizeAt,
                    DeadlockChecker.Options.DEFAULT).orElse(p)).toList());
        }
        if (!c.diagnostics().isEmpty()) {
            err.print(c.render());
            err.flush();
        }
        if (c.hasErrors()) {
            return Optional.empty();
        }
        for (CompiledProtocol p : c.protocols()) {
            if (p.synthesized()) {
                err.println(file + ": note: " + p.displayName(c.protocols()) + ": the merge projection is incomplete "
                        + "here (E210), but the decision shows it implementable: its participants' local types are "
                        + "synthesized from the automata");
                err.flush();
            }
        }
        if (protocol == null) {
            return Optional.of(c.protocols());
        }
        return Optional.of(List.of(c.protocol(protocol)));
    }

    /** Work done for each compiled protocol, returning an exit code; {@code several} if the file has more. */
    @FunctionalInterface
    interface PerProtocol {
        int apply(CompiledProtocol protocol, boolean several) throws Exception;
    }

    /** Compiles the file and runs {@code action} on each protocol; the worst exit code, or INVALID on errors. */
    int forEach(PrintWriter err, PerProtocol action) throws Exception {
        return forEach(err, null, action);
    }

    /** As {@link #forEach(PrintWriter, PerProtocol)}, synthesizing as {@link #compile(PrintWriter, Bindings)} does. */
    int forEach(PrintWriter err, Bindings synthesizeAt, PerProtocol action) throws Exception {
        Optional<List<CompiledProtocol>> protocols = compile(err, synthesizeAt);
        if (protocols.isEmpty()) {
            return ExitCodes.INVALID;
        }
        int exit = ExitCodes.OK;
        for (CompiledProtocol p : protocols.get()) {
            exit = Math.max(exit, action.apply(p, protocols.get().size() > 1));
        }
        return exit;
    }
}
