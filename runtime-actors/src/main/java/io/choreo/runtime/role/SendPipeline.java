package io.choreo.runtime.role;

import io.choreo.dsl.ast.Annotations;
import io.choreo.projection.local.LocalType;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.extension.SendExtension;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import java.util.Optional;

/**
 * The checks before a send, in order: capability guard → flow-cost charge → custom extensions → payload. A denial
 * leaves nothing behind: nothing is sent, a granted charge is refunded, nothing is recorded.
 */
public final class SendPipeline {
    private SendPipeline() {
    }

    /** A send that passed every check: its context, cost charged and payload. */
    public record Cleared(SendContext context, long cost, Object payload) {
    }

    public static Cleared clear(LocalType.Send node, String sessionId, String participant, String role,
                                RoleHandler handler, Extensions ext) throws RoleFailure {
        String to = node.peer().toString();
        Annotations a = node.annotations();
        int line = node.origin().line();
        SendContext ctx = new SendContext(sessionId, participant, role, to, node.message(), a, line, node.implicit());
        if (a.guardCapability().isPresent() && !ext.capabilities().allows(ctx, a.guardCapability().get())) {
            throw new RoleFailure(new SessionError.CapabilityDenied(participant, node.label(), line,
                    a.guardCapability().get()));
        }
        long cost = a.effectiveFlowCost();
        if (cost > 0) {
            FlowBudget.Charge charge = ext.budget().tryCharge(ctx, cost);
            if (!charge.granted()) {
                throw new RoleFailure(new SessionError.BudgetExhausted(participant, node.label(), line, cost,
                        charge.remaining()));
            }
        }
        try {
            for (SendExtension custom : ext.custom()) {
                Optional<String> denial = custom.beforeSend(ctx);
                if (denial.isPresent()) {
                    refund(ext, ctx, cost);
                    throw new RoleFailure(new SessionError.ExtensionDenied(participant, node.label(), line,
                            custom.name(), denial.get()));
                }
            }
            Object payload = node.implicit() ? null : handler.payload(ctx);
            return new Cleared(ctx, cost, payload);
        } catch (RuntimeException e) {
            refund(ext, ctx, cost);
            throw new RoleFailure(new SessionError.HandlerFailed(participant, "payload for " + node.label() + ": "
                    + e));
        }
    }

    /** Tells custom extensions that the send happened. */
    public static void sent(Cleared cleared, Extensions ext) {
        for (SendExtension custom : ext.custom()) {
            custom.afterSend(cleared.context());
        }
    }

    private static void refund(Extensions ext, SendContext ctx, long cost) {
        if (cost > 0) {
            ext.budget().refund(ctx, cost);
        }
    }
}
