package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * One global protocol: header attributes, declared roles, sub-protocols and the body.
 *
 * @param keyword {@code choreography} or {@code protocol}, as written
 */
public record Choreography(String keyword, String name, List<Attribute> attributes, List<RoleDecl> roles,
                           List<SubProtocol> subProtocols, List<Statement> body, Span span) {
    public Choreography {
        attributes = List.copyOf(attributes);
        roles = List.copyOf(roles);
        subProtocols = List.copyOf(subProtocols);
        body = List.copyOf(body);
    }

    /** {@code namespace.Name}, or the name alone outside a namespace: unique within a file. */
    public String qualifiedName() {
        return namespace().map(n -> n + "." + name()).orElse(name());
    }

    /** The {@code #[namespace = "…"]} attribute, if present. */
    public Optional<String> namespace() {
        return attributes.stream().filter(a -> a.key().equals("namespace")).map(Attribute::value).findFirst();
    }

    /** The {@code #[version = "…"]} attribute, if present (see {@code docs/dsl-reference.md}). */
    public Optional<String> version() {
        return attributes.stream().filter(a -> a.key().equals("version")).map(Attribute::value).findFirst();
    }

    public Optional<RoleDecl> role(String roleName) {
        return roles.stream().filter(r -> r.name().equals(roleName)).findFirst();
    }

    public Optional<SubProtocol> subProtocol(String protocolName) {
        return subProtocols.stream().filter(p -> p.name().equals(protocolName)).findFirst();
    }
}
