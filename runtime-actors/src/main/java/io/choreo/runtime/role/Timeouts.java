package io.choreo.runtime.role;

import io.choreo.dsl.ast.Deadline;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.handler.TimeoutContext;
import io.choreo.runtime.session.SessionProtocol;
import io.choreo.runtime.session.TraceEvent;
import java.time.Duration;

/** What every role shell does when a deadline passes: tell the handler, and the trace when the session keeps one. */
public final class Timeouts {
    private Timeouts() {
    }

    /** Reports the timeout (after {@code duration}) of the timed choice at RECEIVE state {@code state}. */
    public static void report(RoleActor.Setup setup, RoleMachine machine, int state, Duration duration)
            throws RoleFailure {
        String me = setup.participant().name();
        Deadline d = machine.deadline(state);
        int line = machine.timedChoice(state).origin().line();
        TimeoutContext timeout = new TimeoutContext(setup.sessionId(), me, line, d.toString(), duration);
        if (setup.options().traced()) {
            setup.session().tell(new SessionProtocol.Traced(TraceEvent.timeout(me, d.toString(), line)));
        }
        HandlerCalls.call(me, "timedOut() at line " + line, () -> {
            setup.handler().timedOut(timeout);
            return null;
        });
    }
}
