package io.choreo.console.telemetry;

import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.observe.SessionListener;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Session metrics and traces on the OpenTelemetry API. Metrics: {@code choreo.sessions.started},
 * {@code choreo.sessions.completed} (by {@code protocol}), {@code choreo.sessions.failed} (by {@code protocol} and
 * {@code cause}), and the histogram {@code choreo.message.latency} (ms a session waited for each message since its
 * previous event, by {@code protocol}). Traces: a span {@code choreo.session <protocol>} per session with an event
 * per message. Register it with {@code SessionListeners.get(system).add(new SessionTelemetry(openTelemetry))}, or
 * name it in {@code choreo.runtime.session-listeners} to use {@link GlobalOpenTelemetry}; without an SDK installed
 * every call is a no-op.
 */
public final class SessionTelemetry implements SessionListener {
    /** The instrumentation scope name. */
    public static final String SCOPE = "io.choreo";
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("protocol");
    static final AttributeKey<String> CAUSE = AttributeKey.stringKey("cause");
    static final AttributeKey<String> SESSION = AttributeKey.stringKey("choreo.session.id");

    private final Tracer tracer;
    private final LongCounter started;
    private final LongCounter completed;
    private final LongCounter failed;
    private final DoubleHistogram latency;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A session being traced: its span, protocol attribute and the time of its last event. */
    private static final class Running {
        final Span span;
        final Attributes protocol;
        volatile long lastNanos;

        Running(Span span, Attributes protocol, long lastNanos) {
            this.span = span;
            this.protocol = protocol;
            this.lastNanos = lastNanos;
        }
    }

    public SessionTelemetry(OpenTelemetry otel) {
        Meter meter = otel.getMeter(SCOPE);
        this.tracer = otel.getTracer(SCOPE);
        this.started = meter.counterBuilder("choreo.sessions.started").setDescription("Sessions started").build();
        this.completed = meter.counterBuilder("choreo.sessions.completed").setDescription("Sessions completed")
                .build();
        this.failed = meter.counterBuilder("choreo.sessions.failed").setDescription("Sessions failed, by cause")
                .build();
        this.latency = meter.histogramBuilder("choreo.message.latency").setUnit("ms")
                .setDescription("Time a session waited for each message since its previous event").build();
    }

    /** For {@code choreo.runtime.session-listeners}: uses {@link GlobalOpenTelemetry}. */
    public SessionTelemetry(ActorSystem<?> system) {
        this(GlobalOpenTelemetry.get());
    }

    @Override
    public void started(SessionSpec spec, Map<String, Participant> participants, Instant at) {
        Attributes protocol = Attributes.of(PROTOCOL, spec.name());
        started.add(1, protocol);
        Span span = tracer.spanBuilder("choreo.session " + spec.name()).setNoParent()
                .setStartTimestamp(at)
                .setAttribute(SESSION, spec.sessionId())
                .setAttribute(PROTOCOL, spec.name())
                .setAttribute(AttributeKey.stringArrayKey("choreo.participants"), List.copyOf(participants.keySet()))
                .startSpan();
        running.put(spec.sessionId(), new Running(span, protocol, System.nanoTime()));
    }

    @Override
    public void messageSent(String sessionId, TraceEvent m, Instant at) {
        Running r = running.get(sessionId);
        if (r == null) {
            return;
        }
        long now = System.nanoTime();
        latency.record((now - r.lastNanos) / 1e6, r.protocol);
        r.lastNanos = now;
        r.span.addEvent("message", Attributes.builder().put("from", m.from()).put("to", m.to())
                .put("label", m.label()).put("implicit", m.implicit()).put("cost", m.cost()).build(),
                at.getEpochSecond() * 1_000_000_000L + at.getNano(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void ended(SessionOutcome outcome, Instant at) {
        Running r = running.remove(outcome.sessionId());
        String protocol = outcome instanceof SessionOutcome.SessionFailed f ? f.protocol()
                : ((SessionOutcome.SessionCompleted) outcome).protocol();
        if (outcome instanceof SessionOutcome.SessionFailed f) {
            String cause = f.cause().getClass().getSimpleName();
            failed.add(1, Attributes.of(PROTOCOL, protocol, CAUSE, cause));
            if (r != null) {
                r.span.setAttribute(CAUSE, cause);
                r.span.setStatus(StatusCode.ERROR, f.cause().describe());
            }
        } else {
            completed.add(1, Attributes.of(PROTOCOL, protocol));
        }
        if (r != null) {
            r.span.end(at);
        }
    }
}
