package io.choreo.maven;

import io.choreo.dsl.source.ChoreoFiles;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.DeadlockReport;
import io.choreo.projection.gen.JavaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The work of the {@code generate} goal, free of Maven: checks every {@code .choreo} file under a directory
 * (diagnostics, then the deadlock check) and, when none has an error, writes the Java sources of every protocol.
 * Files whose content is unchanged are not rewritten, so incremental compilation stays incremental.
 */
public final class ChoreoGeneration {
    private ChoreoGeneration() {
    }

    /**
     * What a run found and did.
     *
     * @param files the {@code .choreo} files read
     * @param errors one entry per file or protocol with errors: rendered diagnostics ({@code file:line:col} with a
     *               caret snippet) or a deadlock trace; empty when the sources are valid
     * @param warnings rendered warnings
     * @param written Java files written or already up to date
     */
    public record Outcome(List<Path> files, List<String> errors, List<String> warnings, List<Path> written) {
        /** True when the build must fail. */
        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    /**
     * Checks every file under {@code sources}; writes Java under {@code output} only if all of them are valid.
     * Payload types resolve against the JDK only.
     */
    public static Outcome run(Path sources, Path output, boolean deadlockCheck) throws IOException {
        return run(sources, output, deadlockCheck, JavaGenerator.Options.DEFAULT);
    }

    /**
     * Checks every file under {@code sources}; writes Java under {@code output} only if all of them are valid. A
     * payload type that names a class {@code options} finds gets no placeholder.
     */
    public static Outcome run(Path sources, Path output, boolean deadlockCheck, JavaGenerator.Options options)
            throws IOException {
        List<Path> files = ChoreoFiles.under(sources);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<CompiledProtocol> valid = new ArrayList<>();
        for (Path file : files) {
            Compiler.Compilation c = Compiler.compile(file);
            if (c.hasErrors()) {
                errors.add(c.render());
                continue;
            }
            if (!c.diagnostics().isEmpty()) {
                warnings.add(c.render());
            }
            for (CompiledProtocol p : c.protocols()) {
                if (deadlockCheck) {
                    DeadlockReport report = DeadlockChecker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
                    if (report.verdict() == DeadlockReport.Verdict.DEADLOCK
                            || report.verdict() == DeadlockReport.Verdict.ORPHAN_MESSAGES) {
                        errors.add(file + ": " + p.name() + ": " + report.describe());
                        continue;
                    }
                }
                valid.add(p);
            }
        }
        List<Path> written = new ArrayList<>();
        if (errors.isEmpty()) {
            for (CompiledProtocol p : valid) {
                for (Map.Entry<String, String> source : JavaGenerator.generate(p, options).entrySet()) {
                    written.add(write(output.resolve(source.getKey()), source.getValue()));
                }
            }
        }
        return new Outcome(files, errors, warnings, written);
    }

    private static Path write(Path target, String text) throws IOException {
        if (!Files.isRegularFile(target) || !Files.readString(target).equals(text)) {
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
        }
        return target;
    }
}
