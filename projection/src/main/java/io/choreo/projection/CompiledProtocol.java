package io.choreo.projection;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypePrinter;
import java.util.List;
import java.util.Map;

/**
 * A validated choreography with the local type of every role (parametric for role arrays). A {@code synthesized}
 * protocol is one the merge projection could not project but the decision showed implementable
 * ({@link io.choreo.projection.decide.Synthesis}): it has no parametric local types ({@code locals} is empty) and its
 * participants' concrete types are synthesized from the automata at each session's sizes.
 */
public record CompiledProtocol(GlobalProtocol global, Map<String, LocalType> locals, List<Diagnostic> diagnostics,
                               boolean synthesized) {
    public CompiledProtocol {
        locals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(locals));
        diagnostics = List.copyOf(diagnostics);
    }

    /** A protocol projected by merge. */
    public CompiledProtocol(GlobalProtocol global, Map<String, LocalType> locals, List<Diagnostic> diagnostics) {
        this(global, locals, diagnostics, false);
    }

    public String name() {
        return global.name();
    }

    /** The version of a protocol without a {@code #[version]} attribute. */
    public static final String DEFAULT_VERSION = "1";

    /** The {@code #[version = "…"]} attribute, or {@value #DEFAULT_VERSION}. */
    public String version() {
        return global.source() == null ? DEFAULT_VERSION : global.source().version().orElse(DEFAULT_VERSION);
    }

    /**
     * What sessions record as their protocol: the name, with {@code @version} if the attribute is written (so
     * sessions of protocols written before versions existed keep their fingerprint).
     */
    public String versionedName() {
        return global.source() == null || global.source().version().isEmpty() ? name()
                : ProtocolVersion.label(name(), version());
    }

    /** {@code namespace.Name} ({@code admin_operations.AdminOperations}), or the name outside a namespace. */
    public String qualifiedName() {
        return global.namespace().map(n -> n + "." + name()).orElse(name());
    }

    /** The name, qualified by its namespace where {@code file} has another choreography of that name. */
    public String displayName(java.util.Collection<CompiledProtocol> file) {
        return file.stream().filter(o -> o.name().equals(name())).count() > 1 ? qualifiedName() : name();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** The local type of {@code role}. */
    public LocalType local(String role) {
        LocalType t = locals.get(role);
        if (t == null && synthesized) {
            throw new IllegalArgumentException(name() + " has no parametric local types: the merge projection is "
                    + "incomplete here and its participants' types are synthesized per session");
        }
        if (t == null) {
            throw new IllegalArgumentException("no role '" + role + "' in " + name() + "; roles: " + locals.keySet());
        }
        return t;
    }

    /** The canonical notation of {@code role}'s local type. */
    public String print(String role) {
        return LocalTypePrinter.print(local(role));
    }
}
