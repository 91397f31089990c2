package io.choreo.projection;

import io.choreo.dsl.Dsl;
import io.choreo.dsl.ParseResult;
import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticRenderer;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.source.SourceFile;
import io.choreo.projection.global.Desugarer;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.project.Projector;
import io.choreo.projection.validate.ValidationPass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole pipeline for a file: parse, resolve, desugar, validate, project every role. */
public final class Compiler {
    private Compiler() {
    }

    /** The outcome for a whole file: the parse result and one compiled protocol per choreography. */
    public record Compilation(ParseResult parse, List<CompiledProtocol> protocols) {
        public boolean hasErrors() {
            return parse.hasErrors() || protocols.stream().anyMatch(CompiledProtocol::hasErrors);
        }

        /** Every diagnostic of the file, parse first. */
        public List<Diagnostic> diagnostics() {
            List<Diagnostic> all = new ArrayList<>(parse.diagnostics());
            protocols.forEach(p -> all.addAll(p.diagnostics()));
            return all;
        }

        public String render() {
            return DiagnosticRenderer.render(parse.source(), diagnostics());
        }

        /**
         * Thrown for a protocol with errors; the message holds the rendered diagnostics ({@code file:line:col}, a
         * caret snippet and a hint each).
         */
        public static final class InvalidProtocolException extends IllegalStateException {
            private final transient List<Diagnostic> diagnostics;

            InvalidProtocolException(String message, List<Diagnostic> diagnostics) {
                super(message);
                this.diagnostics = List.copyOf(diagnostics);
            }

            /** The diagnostics, errors and warnings. */
            public List<Diagnostic> diagnostics() {
                return diagnostics;
            }
        }

        /** The only protocol of the file; see {@link #protocol(String)}. */
        public CompiledProtocol protocol() {
            return protocol(null);
        }

        /**
         * The protocol named {@code name} — qualified ({@code admin_operations.AdminOperations}), or plain when no
         * other namespace of the file declares that name — or the only one when {@code name} is null.
         *
         * @throws InvalidProtocolException if the file does not parse or that protocol has errors
         * @throws IllegalArgumentException if there is no such protocol, or several and no name
         */
        public CompiledProtocol protocol(String name) {
            if (parse.hasErrors()) {
                throw invalid(parse.source().name(), diagnostics());
            }
            CompiledProtocol chosen = chosen(name);
            if (chosen.hasErrors()) {
                throw invalid(chosen.name(), chosen.diagnostics());
            }
            return chosen;
        }

        private InvalidProtocolException invalid(String what, List<Diagnostic> diagnostics) {
            long errors = diagnostics.stream().filter(Diagnostic::isError).count();
            return new InvalidProtocolException(what + " has " + errors + (errors == 1 ? " error" : " errors") + ":\n"
                    + DiagnosticRenderer.render(parse.source(), diagnostics), diagnostics);
        }

        private CompiledProtocol chosen(String name) {
            List<String> names = protocols.stream().map(p -> p.displayName(protocols)).toList();
            if (name == null) {
                if (protocols.size() != 1) {
                    throw new IllegalArgumentException("the file declares " + protocols.size()
                            + " choreographies; name one of " + names);
                }
                return protocols.get(0);
            }
            List<CompiledProtocol> matching = protocols.stream().filter(p -> p.qualifiedName().equals(name)).toList();
            if (matching.isEmpty()) {
                matching = protocols.stream().filter(p -> p.name().equals(name)).toList();
            }
            if (matching.size() > 1) {
                throw new IllegalArgumentException("choreography '" + name + "' is declared in several namespaces; "
                        + "name one of " + matching.stream().map(CompiledProtocol::qualifiedName).toList());
            }
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("no choreography '" + name + "'; the file declares " + names);
            }
            return matching.get(0);
        }
    }

    /**
     * Compiles a whole file. Never throws for any input: a protocol too large to process becomes diagnostic E009.
     */
    public static Compilation compile(SourceFile source) {
        try {
            return LargeStack.call(() -> compileHere(source));
        } catch (LargeStack.TooLarge e) {
            ParseResult parse = new ParseResult(source, new io.choreo.dsl.ast.ChoreographyFile(List.of(), false),
                    List.of(Diagnostic.error("E009", e.getMessage(), new io.choreo.dsl.source.Span(0, 0, 1, 1),
                            "split the protocol into sub-protocols or sessions")));
            return new Compilation(parse, List.of());
        }
    }

    private static Compilation compileHere(SourceFile source) {
        ParseResult parse = Dsl.parse(source);
        List<CompiledProtocol> protocols = new ArrayList<>();
        if (!parse.hasErrors()) {
            for (Choreography c : parse.file().choreographies()) {
                protocols.add(compile(c));
            }
        } else if (onlyNameErrors(parse)) {
            parse = withStructuralErrors(parse);
        }
        return new Compilation(parse, protocols);
    }

    /** Whether the syntax is fine and only names failed to resolve (E1xx). */
    private static boolean onlyNameErrors(ParseResult parse) {
        return parse.diagnostics().stream().filter(Diagnostic::isError).allMatch(d -> d.code().startsWith("E1"));
    }

    /**
     * Reports, in the same run as name errors, the structural errors that do not depend on names (self-sends,
     * empty choices, recursion, unreachable statements, …); projection waits until names are right.
     */
    private static ParseResult withStructuralErrors(ParseResult parse) {
        List<Diagnostic> all = new ArrayList<>(parse.diagnostics());
        for (Choreography c : parse.file().choreographies()) {
            DiagnosticSink sink = new DiagnosticSink();
            try {
                ValidationPass.runAll(Desugarer.desugar(c, sink), sink);
            } catch (RuntimeException e) {
                continue;
            }
            sink.diagnostics().stream().filter(d -> d.isError() && d.code().startsWith("E2")
                    && !d.code().equals("E213")).forEach(all::add);
        }
        return new ParseResult(parse.source(), parse.file(), all);
    }

    public static Compilation compile(String name, String text) {
        return compile(new SourceFile(name, text));
    }

    public static Compilation compile(java.nio.file.Path path) throws java.io.IOException {
        return compile(SourceFile.read(path));
    }

    /** Desugars, validates and projects one resolved choreography. */
    public static CompiledProtocol compile(Choreography choreography) {
        DiagnosticSink sink = new DiagnosticSink();
        GlobalProtocol global = Desugarer.desugar(choreography, sink);
        ValidationPass.runAll(global, sink);
        Map<String, LocalType> locals = new LinkedHashMap<>();
        if (!sink.hasErrors()) {
            for (RoleDecl role : global.roles()) {
                locals.put(role.name(), Projector.project(global, role.name(), sink));
            }
        }
        return new CompiledProtocol(global, locals, sink.diagnostics());
    }
}
