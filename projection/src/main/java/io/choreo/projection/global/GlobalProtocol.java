package io.choreo.projection.global;

import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.RoleDecl;
import java.util.List;
import java.util.Optional;

/** A desugared choreography: its roles and core body, with the source it came from. */
public record GlobalProtocol(String name, Optional<String> namespace, List<RoleDecl> roles, List<Global> body,
                             Choreography source) {
    public GlobalProtocol {
        roles = List.copyOf(roles);
        body = List.copyOf(body);
    }

    public Optional<RoleDecl> role(String roleName) {
        return roles.stream().filter(r -> r.name().equals(roleName)).findFirst();
    }

    public List<String> roleNames() {
        return roles.stream().map(RoleDecl::name).toList();
    }
}
