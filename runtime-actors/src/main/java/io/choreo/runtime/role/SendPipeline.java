package io.choreo.runtime.role;

import io.choreo.dsl.ast.Annotations;
import io.choreo.projection.local.LocalType;
import io.choreo.runtime.extension.CapabilityStore;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.extension.SendExtension;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The checks before a send, in order: capability guard → flow-cost charge → custom extensions → payload. A denial
 * leaves nothing behind: nothing is sent, a granted charge is refunded, nothing is recorded. The charge may be
 * asynchronous (a distributed budget), so the pipeline has two halves around it: {@link #authorize} and
 * {@link #complete}.
 */
public final class SendPipeline {
    private SendPipeline() {
    }

    /** The charge of an unannotated (free) send, already granted. */
    private static final CompletionStage<FlowBudget.Charge> FREE =
            CompletableFuture.completedFuture(new FlowBudget.Charge(true, Long.MAX_VALUE));

    /** A send that passed every check: its context, cost charged and payload. */
    public record Cleared(SendContext context, long cost, Object payload) {
    }

    /** A send that passed the capability guard and awaits its charge. */
    public record Authorized(LocalType.Send node, SendContext context, long cost,
                             CompletionStage<FlowBudget.Charge> charge) {
    }

    /** Checks the capability guard and starts the flow-cost charge. */
    public static Authorized authorize(LocalType.Send node, String sessionId, String participant, String role,
                                       Extensions ext) throws RoleFailure {
        Annotations a = node.annotations();
        int line = node.origin().line();
        SendContext ctx = new SendContext(sessionId, participant, role, node.peer().toString(), node.message(), a,
                line, node.implicit());
        if (a.guardCapability().isPresent()) {
            CapabilityStore.Decision decision = ext.capabilities().decide(ctx, a.guardCapability().get());
            if (decision.denial().isPresent()) {
                throw new RoleFailure(new SessionError.CapabilityDenied(participant, node.label(), line,
                        a.guardCapability().get(), decision.denial().get()));
            }
            if (!decision.context().isEmpty()) {
                ctx = ctx.withCapabilityContext(decision.context());
            }
        }
        long cost = a.effectiveFlowCost();
        CompletionStage<FlowBudget.Charge> charge;
        try {
            charge = cost > 0 ? ext.budget().charge(ctx, cost)
                    : FREE;
        } catch (RuntimeException e) {
            charge = CompletableFuture.failedFuture(e);
        }
        return new Authorized(node, ctx, cost, charge);
    }

    /** The charge's outcome if it is already known (the common, local case). */
    public static Optional<FlowBudget.Charge> chargeNow(Authorized authorized) {
        CompletableFuture<FlowBudget.Charge> f = authorized.charge().toCompletableFuture();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            return Optional.of(f.join());
        }
        return Optional.empty();
    }

    /** After the charge: custom extensions and the payload; refunds the charge if either fails. */
    public static Cleared complete(Authorized auth, FlowBudget.Charge charge, String participant, RoleHandler handler,
                                   Extensions ext) throws RoleFailure {
        return complete(auth, charge, participant, handler, ext, null);
    }

    /** As above, and checks the payload against its declared type ({@code classes} null: unchecked). */
    public static Cleared complete(Authorized auth, FlowBudget.Charge charge, String participant, RoleHandler handler,
                                   Extensions ext, io.choreo.runtime.engine.PayloadClasses classes)
            throws RoleFailure {
        LocalType.Send node = auth.node();
        SendContext ctx = auth.context();
        long cost = auth.cost();
        if (!charge.granted()) {
            long refused = charge.layer() == null ? cost : charge.layers().stream()
                    .filter(l -> l.status() == FlowBudget.LayerCharge.Status.REFUSED)
                    .mapToLong(FlowBudget.LayerCharge::cost)
                    .findFirst().orElse(cost);
            throw new RoleFailure(new SessionError.BudgetExhausted(participant, node.label(), ctx.line(), refused,
                    charge.remaining(), charge.layer()));
        }
        if (!ext.custom().isEmpty()) {
            for (SendExtension custom : ext.custom()) {
                Optional<String> denial;
                try {
                    denial = custom.beforeSend(ctx);
                } catch (RuntimeException e) {
                    refund(ext, ctx, cost);
                    throw new RoleFailure(new SessionError.ExtensionDenied(participant, node.label(), ctx.line(),
                            custom.name(), "it threw " + e));
                }
                if (denial.isPresent()) {
                    refund(ext, ctx, cost);
                    throw new RoleFailure(new SessionError.ExtensionDenied(participant, node.label(), ctx.line(),
                            custom.name(), denial.get()));
                }
            }
        }
        try {
            Object payload = null;
            if (!node.implicit()) {
                try {
                    payload = handler.payload(ctx);
                } catch (Throwable t) {
                    throw new RoleFailure(HandlerCalls.failure(participant, "payload for " + node.label(), t));
                }
            }
            if (classes != null) {
                checkPayload(classes, participant, node, payload);
            }
            return new Cleared(ctx, cost, payload);
        } catch (RoleFailure f) {
            refund(ext, ctx, cost);
            throw f;
        }
    }

    /** A charge that failed outright (the budget service did not answer): nothing was sent. */
    public static RoleFailure chargeFailed(Authorized auth, String participant, Throwable error) {
        return new RoleFailure(new SessionError.BudgetUnavailable(participant, auth.node().label(),
                auth.context().line(), String.valueOf(error.getMessage())));
    }

    /**
     * Fails with {@code PayloadTypeMismatch} when {@code payload} is not of the declared type of {@code node};
     * else the payload's class travels under the message's type id.
     */
    public static void checkPayload(io.choreo.runtime.engine.PayloadClasses classes, String participant,
                                    LocalType.Send node, Object payload) throws RoleFailure {
        if (node.implicit()) {
            return;
        }
        Optional<String> actual = classes.mismatch(node.message(), payload);
        if (actual.isPresent()) {
            throw new RoleFailure(new SessionError.PayloadTypeMismatch(participant, node.label(),
                    io.choreo.runtime.engine.PayloadClasses.shown(node.message()), actual.get()));
        }
        if (payload != null) {
            io.choreo.runtime.engine.PayloadTypeIds.learn(io.choreo.runtime.engine.PayloadTypeIds.base(
                    node.message()), payload.getClass());
        }
    }

    /** Tells custom extensions that the send happened. */
    public static void sent(Cleared cleared, Extensions ext) {
        if (ext.custom().isEmpty()) {
            return;
        }
        for (SendExtension custom : ext.custom()) {
            custom.afterSend(cleared.context());
        }
    }

    private static void refund(Extensions ext, SendContext ctx, long cost) {
        if (cost > 0) {
            ext.budget().refund(ctx, cost);
        }
    }

    /** A handler that gives {@code payload} (an asynchronous handler's answer, for the send that asked it). */
    public static RoleHandler payloadHandler(Object payload) {
        return new RoleHandler() {
            @Override
            public Object payload(SendContext send) {
                return payload;
            }
        };
    }

    /** The context of a send, for the handler.  */
    public static SendContext sendContext(RoleActor.Setup setup, LocalType.Send node, String to) {
        return new SendContext(setup.sessionId(), setup.participant().name(), setup.participant().role(), to,
                node.message(), node.annotations(), node.origin().line(), node.implicit());
    }
}
