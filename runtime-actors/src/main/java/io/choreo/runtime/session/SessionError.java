package io.choreo.runtime.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.runtime.wire.CborSerializable;
import java.util.List;

/** Why a session failed: a typed cause naming the participant, the message and the source line where it applies. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(SessionError.ProtocolViolation.class),
    @JsonSubTypes.Type(SessionError.CapabilityDenied.class),
    @JsonSubTypes.Type(SessionError.BudgetExhausted.class),
    @JsonSubTypes.Type(SessionError.BudgetUnavailable.class),
    @JsonSubTypes.Type(SessionError.ExtensionDenied.class),
    @JsonSubTypes.Type(SessionError.HandlerFailed.class),
    @JsonSubTypes.Type(SessionError.JournalFailed.class),
    @JsonSubTypes.Type(SessionError.SessionTimedOut.class),
    @JsonSubTypes.Type(SessionError.InvalidBindings.class),
    @JsonSubTypes.Type(SessionError.RoleCrashed.class),
    @JsonSubTypes.Type(SessionError.CircuitOpen.class),
    @JsonSubTypes.Type(SessionError.NoBranchEnabled.class),
    @JsonSubTypes.Type(SessionError.GuardFailed.class),
    @JsonSubTypes.Type(SessionError.SessionIdConflict.class),
    @JsonSubTypes.Type(SessionError.PayloadTypeMismatch.class),
    @JsonSubTypes.Type(SessionError.VersionNotHosted.class)
})
public sealed interface SessionError extends CborSerializable {

    /** One line saying what went wrong. */
    String describe();

    /** A message arrived that the receiver's local type does not allow: wrong sender, label, session or state. */
    record ProtocolViolation(String participant, String detail) implements SessionError {
        @Override
        public String describe() {
            return "protocol violation at " + participant + ": " + detail;
        }
    }

    /**
     * {@code guard_capability} denied the send: nothing was sent, charged or recorded. {@code deniedBy} says which
     * check (or layer) refused it.
     */
    record CapabilityDenied(String participant, String message, int line, String capability, String deniedBy)
            implements SessionError {
        @Override
        public String describe() {
            return participant + " lacks capability '" + capability + "' to send " + message + " (line " + line
                    + "): " + deniedBy;
        }
    }

    /** The flow budget could not pay for the send: nothing was sent, charged or recorded. */
    /** A flow-cost charge refused; {@code layer} names the refusing layer of a layered budget (else null). */
    record BudgetExhausted(String participant, String message, int line, long cost, long remaining, String layer)
            implements SessionError {
        public BudgetExhausted(String participant, String message, int line, long cost, long remaining) {
            this(participant, message, line, cost, remaining, null);
        }

        @Override
        public String describe() {
            return participant + " cannot send " + message + " (line " + line + "): flow cost " + cost
                    + " exceeds the remaining budget " + remaining + (layer == null ? "" : " of layer '" + layer + "'");
        }
    }

    /** The flow budget could not be reached to charge the send: nothing was sent. */
    record BudgetUnavailable(String participant, String message, int line, String detail) implements SessionError {
        @Override
        public String describe() {
            return participant + " could not charge the flow budget to send " + message + " (line " + line + "): "
                    + detail;
        }
    }

    /** A custom extension denied the send. */
    record ExtensionDenied(String participant, String message, int line, String extension, String reason)
            implements SessionError {
        @Override
        public String describe() {
            return "extension '" + extension + "' denied " + participant + " sending " + message + " (line " + line
                    + "): " + reason;
        }
    }

    /**
     * Application handler code threw or answered something impossible. {@code stackTrace} keeps the cause's stack
     * trace for the log (empty when there was no throwable).
     */
    record HandlerFailed(String participant, String detail, String stackTrace) implements SessionError {
        public HandlerFailed(String participant, String detail) {
            this(participant, detail, "");
        }

        @Override
        public String describe() {
            return "handler of " + participant + " failed: " + detail;
        }
    }

    /** No branch of a choice is enabled: every guard is false for the handler's guard variables. */
    record NoBranchEnabled(String participant, int line, List<String> guards, java.util.Map<String, String> variables)
            implements SessionError {
        @Override
        public String describe() {
            return "no branch of the choice at line " + line + " is enabled for " + participant + ": guards "
                    + guards + " are all false for " + variables;
        }
    }

    /**
     * A guard could not be honoured: it reads a variable the handler does not supply, it is ill-typed for the
     * supplied values, or the handler picked a branch whose guard is false.
     */
    record GuardFailed(String participant, int line, String detail) implements SessionError {
        @Override
        public String describe() {
            return "guard of the choice at line " + line + " for " + participant + ": " + detail;
        }
    }

    /** The session id is already taken by a session of another protocol (or other bindings). */
    record SessionIdConflict(String sessionId, String existing, String requested) implements SessionError {
        @Override
        public String describe() {
            return "session id '" + sessionId + "' already belongs to " + existing + "; refusing to run " + requested
                    + " under it (choose another session id)";
        }
    }

    /** A journal write did not succeed; the facts are not reported as recorded. */
    record JournalFailed(String participant, List<String> facts, String detail) implements SessionError {
        @Override
        public String describe() {
            return "journal write of " + facts + " by " + participant + " failed: " + detail;
        }
    }

    /** The session did not finish in time; {@code unfinished} says who was still running. */
    record SessionTimedOut(long timeoutMillis, List<String> unfinished) implements SessionError {
        @Override
        public String describe() {
            return "session timed out after " + timeoutMillis + " ms; unfinished: " + String.join("; ", unfinished);
        }
    }

    /** The session's bindings do not fit the protocol. */
    record InvalidBindings(List<String> problems) implements SessionError {
        @Override
        public String describe() {
            return "invalid bindings: " + String.join("; ", problems);
        }
    }

    /** A role actor stopped unexpectedly. */
    record RoleCrashed(String participant, String detail) implements SessionError {
        @Override
        public String describe() {
            return participant + " crashed: " + detail;
        }
    }

    /** A circuit breaker guarding this protocol is open after repeated failures: the session was not started. */
    record CircuitOpen(String protocol, long retryAfterMillis) implements SessionError {
        @Override
        public String describe() {
            return "circuit breaker for " + protocol + " is open; retry in " + retryAfterMillis + " ms";
        }
    }

    /** A handler gave a payload that is not of the message's declared type (or none where one is declared). */
    record PayloadTypeMismatch(String participant, String message, String expected, String actual)
            implements SessionError {
        @Override
        public String describe() {
            return participant + " tried to send " + message + " with a payload of type " + actual + ", but the "
                    + "protocol declares " + expected;
        }
    }

    /**
     * A node was asked to run a participant (or start a session) of a protocol version it does not host: it refused
     * rather than run the participant's journal on another version. {@code hosted} lists the versions it has.
     */
    record VersionNotHosted(String participant, String protocol, String version, String node, List<String> hosted)
            implements SessionError {
        @Override
        public String describe() {
            return "node " + node + " does not host version " + version + " of " + protocol + " (it hosts "
                    + (hosted.isEmpty() ? "no version" : String.join(", ", hosted)) + "), so it refused to run "
                    + participant;
        }
    }
}
