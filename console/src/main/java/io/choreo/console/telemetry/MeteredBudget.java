package io.choreo.console.telemetry;

import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.SendContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongGauge;
import java.util.concurrent.CompletionStage;

/**
 * A {@link FlowBudget} that reports what is left after each charge as the gauge {@code choreo.budget.remaining}
 * (by {@code role}), and otherwise behaves exactly like the budget it wraps.
 */
public final class MeteredBudget implements FlowBudget {
    static final AttributeKey<String> ROLE = AttributeKey.stringKey("role");

    private final FlowBudget budget;
    private final LongGauge remaining;

    public MeteredBudget(FlowBudget budget, OpenTelemetry otel) {
        this.budget = budget;
        this.remaining = otel.getMeter(SessionTelemetry.SCOPE).gaugeBuilder("choreo.budget.remaining").ofLongs()
                .setDescription("Flow budget left after the latest charge").build();
    }

    @Override
    public CompletionStage<Charge> charge(SendContext send, long cost) {
        return budget.charge(send, cost).thenApply(c -> {
            if (c.remaining() != Long.MAX_VALUE) {
                remaining.set(c.remaining(), Attributes.of(ROLE, send.role()));
            }
            return c;
        });
    }

    @Override
    public void refund(SendContext send, long cost) {
        budget.refund(send, cost);
    }
}
