package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.dsl.diagnostic.DiagnosticRenderer;
import io.choreo.projection.Checker;
import io.choreo.projection.check.DeadlockChecker;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo check FILE…}: parse, validate, project and deadlock-check; exit 1 if anything is wrong. */
@Command(name = "check", description = "Report errors and warnings (file:line:col) and check for deadlocks.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".choreo files or directories holding them.")
    List<Path> files;

    @Option(names = "--no-deadlock-check", description = "Skip the deadlock exploration.")
    boolean skipDeadlock;

    @Option(names = "--queue-bound", defaultValue = "4", description = "Queue capacity in the deadlock check (default 4).")
    int queueBound;

    @Option(names = "--check-timeout", defaultValue = "10000", paramLabel = "MS",
            description = "Time budget of the deadlock check and of the oracle, each, in milliseconds (default 10000); "
                    + "past it the verdict is inconclusive.")
    long checkTimeoutMillis;

    @Mixin
    BindingOptions bindings;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int exit = ExitCodes.OK;
        for (Path root : files) {
            List<Path> targets = Files.isDirectory(root) ? io.choreo.dsl.source.ChoreoFiles.under(root) : List.of(root);
            if (!Files.exists(root)) {
                err.println("choreo: no such file: " + root);
                exit = Math.max(exit, ExitCodes.FAILURE);
                continue;
            }
            if (targets.isEmpty()) {
                err.println("choreo: no .choreo files under " + root);
                exit = Math.max(exit, ExitCodes.FAILURE);
                continue;
            }
            for (Path file : targets) {
                exit = Math.max(exit, check(file, out, err));
            }
        }
        return exit;
    }

    private int check(Path file, java.io.PrintWriter out, java.io.PrintWriter err) throws java.io.IOException {
        Compiler.Compilation c = Compiler.compile(file);
        if (!c.diagnostics().isEmpty()) {
            err.print(c.render());
            err.flush();
        }
        if (c.hasErrors()) {
            long errors = c.diagnostics().stream().filter(io.choreo.dsl.diagnostic.Diagnostic::isError).count();
            out.println(file + ": " + errors + (errors == 1 ? " error" : " errors"));
            return ExitCodes.INVALID;
        }
        int exit = ExitCodes.OK;
        bindings.checkNames(c.protocols());
        for (CompiledProtocol p : c.protocols()) {
            StringBuilder line = new StringBuilder(file + ": " + p.name() + " ok (" + counts(p) + ")");
            if (!skipDeadlock) {
                Checker.Result result = Checker.check(p, bindings.toBindings(), new DeadlockChecker.Options(queueBound,
                        DeadlockChecker.Options.DEFAULT.maxStates(), Duration.ofMillis(checkTimeoutMillis),
                        DeadlockChecker.Options.DEFAULT.maxRepeat()));
                if (!result.diagnostics().isEmpty()) {
                    err.print(DiagnosticRenderer.render(c.parse().source(), result.diagnostics()));
                    err.flush();
                }
                if (result.hasErrors()) {
                    out.println(file + ": " + p.name() + " rejected by the check");
                    exit = ExitCodes.INVALID;
                    continue;
                }
                line.append(", ").append(result.report().describe().replace("\n", "\n  "));
                line.append(result.oracle().ok() ? ", projection verified by the oracle"
                        : ", oracle inconclusive (" + result.oracle().detail() + ")");
            }
            out.println(line);
        }
        return exit;
    }

    /** {@code 2 roles}, or {@code 1 role, 4 participants} when arrays make more participants than roles. */
    private String counts(CompiledProtocol p) {
        int roles = p.global().roles().size();
        String text = roles + (roles == 1 ? " role" : " roles");
        int participants;
        try {
            participants = io.choreo.projection.local.Participants.of(p, bindings.resolvedFor(p)).size();
        } catch (io.choreo.projection.bind.BindingException e) {
            return text;   // the check itself reports why these sizes cannot be instantiated
        }
        return participants == roles ? text : text + ", " + participants + " participants";
    }
}
