package io.choreo.cli;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.extension.CapabilityStore;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryCapabilities;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * {@code --grant ROLE=CAP}, {@code --deny CAP} and {@code --budget N}: try capability guards and flow budgets
 * without Java. Without {@code --grant} every capability is granted (except the denied ones); with it, only the
 * granted ones are.
 */
final class EnforcementOptions {
    @Option(names = "--grant", paramLabel = "ROLE=CAP", description = "Grant a capability to a role (or a "
            + "participant such as Followers[1]); repeatable. With any --grant, capabilities not granted are denied.")
    List<String> grants = new ArrayList<>();

    @Option(names = "--deny", paramLabel = "CAP", description = "Deny a capability to everybody; repeatable.")
    List<String> denied = new ArrayList<>();

    @Option(names = "--budget", paramLabel = "N", description = "Flow budget of each participant (annotated "
            + "sends cost their flow_cost, 100 by default).")
    Long budget;

    /** {@code base} with the capabilities and budget asked for; checks role names against {@code protocols}. */
    Extensions apply(Extensions base, Collection<CompiledProtocol> protocols) {
        Extensions e = base;
        if (budget != null) {
            if (budget < 0) {
                throw new UsageError("--budget " + budget + ": a budget must be 0 or more");
            }
            e = e.withBudget(InMemoryFlowBudget.perParticipant(budget));
        }
        if (grants.isEmpty() && denied.isEmpty()) {
            return e;
        }
        Set<String> roles = new TreeSet<>();
        protocols.forEach(p -> p.global().roles().stream().map(RoleDecl::name).forEach(roles::add));
        Optional<InMemoryCapabilities> granted = grants.isEmpty() ? Optional.empty()
                : Optional.of(new InMemoryCapabilities());
        for (String grant : grants) {
            String[] kv = grant.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new UsageError("--grant " + grant + ": write ROLE=CAPABILITY, e.g. Leader=propose");
            }
            String role = kv[0].trim();
            String base1 = role.contains("[") ? role.substring(0, role.indexOf('[')) : role;
            if (!roles.contains(base1)) {
                throw new UsageError("--grant " + grant + ": the protocol has no role '" + base1 + "' (roles: "
                        + String.join(", ", roles) + ")");
            }
            granted.get().grant(role, kv[1].trim().split("\\s*,\\s*"));
        }
        Set<String> deny = Set.copyOf(denied);
        CapabilityStore store = new CapabilityStore() {
            @Override
            public boolean allows(io.choreo.runtime.handler.SendContext send, String capability) {
                return denial(send, capability).isEmpty();
            }

            @Override
            public Optional<String> denial(io.choreo.runtime.handler.SendContext send, String capability) {
                if (deny.contains(capability)) {
                    return Optional.of("denied with --deny " + capability);
                }
                return granted.flatMap(g -> g.denial(send, capability).map(d -> d + " (no --grant "
                        + send.role() + "=" + capability + ")"));
            }
        };
        return e.withCapabilities(store);
    }
}
