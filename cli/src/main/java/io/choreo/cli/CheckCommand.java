package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.dsl.diagnostic.DiagnosticRenderer;
import io.choreo.projection.Checker;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Decider;
import io.choreo.dsl.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
            description = "Time budget of the decision, the deadlock check and the oracle, each, in milliseconds "
                    + "(default 10000); past it the verdict is inconclusive (exit 3).")
    long checkTimeoutMillis;

    @Option(names = "--max-states", defaultValue = "1000000", paramLabel = "N",
            description = "State budget of the decision and of the deadlock check (default 1000000); past it the "
                    + "verdict is inconclusive (exit 3).")
    int maxStates;

    @Option(names = "--allow-inconclusive", description = "Accept (exit 0) a protocol whose implementability a "
            + "budget kept from being decided; it is still reported.")
    boolean allowInconclusive;

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
                exit = ExitCodes.worse(exit, ExitCodes.FAILURE);
                continue;
            }
            if (targets.isEmpty()) {
                err.println("choreo: no .choreo files under " + root);
                exit = ExitCodes.worse(exit, ExitCodes.FAILURE);
                continue;
            }
            for (Path file : targets) {
                exit = ExitCodes.worse(exit, check(file, out, err));
            }
        }
        return exit;
    }

    private int check(Path file, java.io.PrintWriter out, java.io.PrintWriter err) throws java.io.IOException {
        Compiler.Compilation c = Compiler.compile(file);
        Map<CompiledProtocol, Map<String, String>> synthesized = skipDeadlock ? Map.of() : synthesized(c);
        List<Diagnostic> shown = new ArrayList<>(c.parse().diagnostics());
        c.protocols().forEach(p -> shown.addAll(synthesized.containsKey(p)
                ? p.diagnostics().stream().filter(d -> !d.isError()).toList() : p.diagnostics()));
        if (!shown.isEmpty()) {
            err.print(DiagnosticRenderer.render(c.parse().source(), shown));
            err.flush();
        }
        long errors = shown.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            out.println(file + ": " + errors + (errors == 1 ? " error" : " errors"));
            return ExitCodes.INVALID;
        }
        int exit = ExitCodes.OK;
        bindings.checkNames(c.protocols());
        for (CompiledProtocol p : c.protocols()) {
            if (synthesized.containsKey(p)) {
                out.println(file + ": " + p.displayName(c.protocols()) + " ok, implementable (decided): the merge projection is incomplete"
                        + " here (E210), so these local types are synthesized (`choreo run` and `simulate` run them; not `gen`)");
                synthesized.get(p).forEach((who, type) -> out.println("  " + who + ": " + type));
                continue;
            }
            StringBuilder line = new StringBuilder(file + ": " + p.displayName(c.protocols()) + " ok ("
                    + counts(p) + ")");
            if (!skipDeadlock) {
                Checker.Result result = Checker.check(p, bindings.toBindings(p), new DeadlockChecker.Options(queueBound,
                        maxStates, Duration.ofMillis(checkTimeoutMillis), DeadlockChecker.Options.DEFAULT.maxRepeat()));
                if (!result.diagnostics().isEmpty()) {
                    err.print(DiagnosticRenderer.render(c.parse().source(), result.diagnostics()));
                    err.flush();
                }
                if (result.hasErrors()) {
                    out.println(file + ": " + p.displayName(c.protocols()) + " rejected by the check");
                    exit = ExitCodes.worse(exit, ExitCodes.INVALID);
                    continue;
                }
                if (result.inconclusive()) {
                    out.println(file + ": " + p.displayName(c.protocols()) + " not decided (a budget ran out)"
                            + (allowInconclusive ? ", accepted with --allow-inconclusive" : ""));
                    exit = ExitCodes.worse(exit, allowInconclusive ? ExitCodes.OK : ExitCodes.INCONCLUSIVE);
                    continue;
                }
                line.append(", ").append(result.report().describe().replace("\n", "\n  "));
                line.append(result.decision() instanceof io.choreo.projection.decide.Decision.OutsideFragment o
                        ? ", outside the exactly decided fragment (choice at line " + o.choice().line() + ")"
                        : ", implementable (decided)");
                line.append(result.oracle().ok() ? ", projection verified by the oracle"
                        : ", the oracle gave up (" + result.oracle().detail() + "; not needed: the decision is exact)");
            }
            out.println(line);
        }
        return exit;
    }

    /**
     * The protocols whose only errors are knowledge of choice (E210) that the decision shows implementable anyway
     * (the merge is incomplete there), with each participant's synthesized local type.
     */
    private Map<CompiledProtocol, Map<String, String>> synthesized(Compiler.Compilation c) {
        Map<CompiledProtocol, Map<String, String>> out = new LinkedHashMap<>();
        if (c.parse().hasErrors()) {
            return out;
        }
        for (CompiledProtocol p : c.protocols()) {
            if (io.choreo.projection.decide.Synthesis.onlyMergeErrors(p)) {
                Decider.synthesized(p.global(), bindings.toBindings(), new DeadlockChecker.Options(queueBound,
                        maxStates, Duration.ofMillis(checkTimeoutMillis), DeadlockChecker.Options.DEFAULT.maxRepeat()))
                        .ifPresent(types -> out.put(p, types));
            }
        }
        return out;
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
