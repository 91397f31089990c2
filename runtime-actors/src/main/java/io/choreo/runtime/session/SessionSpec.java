package io.choreo.runtime.session;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.BindingNames;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.program.Program;
import io.choreo.runtime.role.RoleBehaviors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything a session needs: the protocol (projected, or hand-written programs), its bindings, a handler per participant, the extension
 * registry and a timeout. Immutable; the {@code with…}/{@code bind…} methods return changed copies.
 */
public record SessionSpec(String sessionId, SessionSource source, Bindings bindings, RoleHandlers handlers,
                          Extensions extensions, Duration timeout, RoleBehaviors roleBehaviors,
                          RolePlacement placement, SessionOptions options) {

    /** The timeout when the configuration does not set {@code choreo.runtime.default-session-timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Longest session id {@link #withSessionId} takes. */
    public static final int MAX_SESSION_ID = 128;

    /** Where the configuration sets the default timeout of sessions. */
    public static final String DEFAULT_TIMEOUT_KEY = "choreo.runtime.default-session-timeout";

    /**
     * A session of {@code protocol} with a fresh id, default handlers and extensions, and the
     * {@linkplain #defaultTimeout() configured default timeout}.
     */
    public static SessionSpec of(CompiledProtocol protocol) {
        return of(new SessionSource.Projected(protocol));
    }

    /** A session of hand-written programs, one per participant. */
    public static SessionSpec ofPrograms(String name, Map<String, Program> programs) {
        return of(new SessionSource.Programs(name, programs));
    }

    private static SessionSpec of(SessionSource source) {
        return new SessionSpec(UUID.randomUUID().toString(), source, Bindings.none(), RoleHandlers.defaults(),
                Extensions.defaults(), defaultTimeout(), RoleBehaviors.inMemory(),
                RolePlacement.local(), SessionOptions.DEFAULTS);
    }

    /**
     * {@code choreo.runtime.default-session-timeout} of the classpath configuration ({@code ConfigFactory.load()}:
     * system properties, {@code application.conf}, {@code reference.conf}, where it is 30 s).
     *
     * @throws com.typesafe.config.ConfigException.BadValue if it is not a positive duration
     */
    public static Duration defaultTimeout() {
        return DEFAULT_TIMEOUTS.get(com.typesafe.config.ConfigFactory.load(), SessionSpec::defaultTimeout);
    }

    /** Default timeouts by configuration instance ({@code ConfigFactory.load()} caches its result). */
    private static final IdentityMemo<com.typesafe.config.Config, Duration> DEFAULT_TIMEOUTS = new IdentityMemo<>(16);

    private static Duration defaultTimeout(com.typesafe.config.Config config) {
        if (!config.hasPath(DEFAULT_TIMEOUT_KEY)) {
            return DEFAULT_TIMEOUT;
        }
        Duration d = config.getDuration(DEFAULT_TIMEOUT_KEY);
        if (d.isNegative() || d.isZero()) {
            throw new com.typesafe.config.ConfigException.BadValue(DEFAULT_TIMEOUT_KEY,
                    "must be a positive duration, not " + d);
        }
        return d;
    }

    /** The protocol's name. */
    public String name() {
        return source.name();
    }

    /** The protocol's version (see {@link SessionSource#version()}). */
    public String version() {
        return source.version();
    }

    /**
     * This session with the id {@code id}: 1 to {@value #MAX_SESSION_ID} characters, no control characters (an id is
     * part of journal keys and actor names, which have a fixed width).
     *
     * @throws IllegalArgumentException naming what is wrong with the id
     */
    public SessionSpec withSessionId(String id) {
        String wrong = id == null || id.isEmpty() ? "is empty" : id.length() > MAX_SESSION_ID ? "has " + id.length()
                + " characters (at most " + MAX_SESSION_ID + ")" : id.chars().anyMatch(Character::isISOControl)
                ? "contains a control character" : null;
        if (wrong != null) {
            throw new IllegalArgumentException("the session id " + wrong);
        }
        return new SessionSpec(id, source, bindings, handlers, extensions, timeout, roleBehaviors, placement,
                options);
    }

    /**
     * Binds the instance count of a role array. A name the protocol does not declare as a role array throws a
     * {@link BindingException} at once; a count that does not fit fails the session at start with
     * {@code InvalidBindings}.
     */
    public SessionSpec bindRoleCount(String role, int count) {
        checkName(role, BindingNames::roleProblem);
        return withBindings(bindings.bindRoleCount(role, count));
    }

    /** Binds a role array to named instances (its count is their number); names checked as by bindRoleCount. */
    public SessionSpec bindInstances(String role, List<String> names) {
        checkName(role, BindingNames::roleProblem);
        return withBindings(bindings.bindInstances(role, names));
    }

    /** Binds a symbol; one the protocol does not use throws a {@link BindingException} at once. */
    public SessionSpec bindSymbol(String symbol, int value) {
        checkName(symbol, BindingNames::symbolProblem);
        return withBindings(bindings.bindSymbol(symbol, value));
    }

    private void checkName(String name, java.util.function.BiFunction<BindingNames, String,
            java.util.Optional<String>> problem) {
        if (source instanceof SessionSource.Projected p) {
            problem.apply(BindingNames.of(p.protocol().global()), name).ifPresent(why -> {
                throw new BindingException(p.name(), List.of(name + ": " + why));
            });
        }
    }

    public SessionSpec withBindings(Bindings b) {
        return new SessionSpec(sessionId, source, b, handlers, extensions, timeout, roleBehaviors, placement,
                options);
    }

    public SessionSpec withHandlers(RoleHandlers h) {
        return new SessionSpec(sessionId, source, bindings, h, extensions, timeout, roleBehaviors, placement,
                options);
    }

    /**
     * One handler factory per role name. A role without one, or one for a role the protocol does not declare,
     * fails the session at start with {@code InvalidBindings}.
     */
    public SessionSpec withRoleHandlers(Map<String, Supplier<? extends RoleHandler>> perRole) {
        return withHandlers(RoleHandlers.perRole(perRole));
    }

    /** One handler factory per role name; roles without one get {@code fallback} (an explicit opt-in). */
    public SessionSpec withRoleHandlers(Map<String, Supplier<? extends RoleHandler>> perRole,
                                        RoleHandlers fallback) {
        return withHandlers(RoleHandlers.perRole(perRole, fallback));
    }

    public SessionSpec withExtensions(Extensions e) {
        return new SessionSpec(sessionId, source, bindings, handlers, e, timeout, roleBehaviors, placement,
                options);
    }

    /**
     * The session fails with {@code SessionTimedOut} if it has not ended after {@code t}.
     *
     * @throws IllegalArgumentException unless {@code t} is positive and at most 180 days (Pekko's timers refuse
     *         delays of about 248 days and more)
     */
    public SessionSpec withTimeout(Duration t) {
        if (t == null || t.isNegative() || t.isZero() || t.compareTo(io.choreo.dsl.ast.Deadline.MAX) > 0) {
            throw new IllegalArgumentException("a session timeout is more than 0 and at most 180 days, not " + t);
        }
        return new SessionSpec(sessionId, source, bindings, handlers, extensions, t, roleBehaviors, placement,
                options);
    }

    /** How participants are run: in memory (default) or durably (see the persistence module). */
    public SessionSpec withRoleBehaviors(RoleBehaviors behaviors) {
        return new SessionSpec(sessionId, source, bindings, handlers, extensions, timeout, behaviors, placement,
                options);
    }

    /** Where participants run: children of the session (default) or, in a cluster, sharded entities. */
    public SessionSpec withPlacement(RolePlacement p) {
        return new SessionSpec(sessionId, source, bindings, handlers, extensions, timeout, roleBehaviors, p,
                options);
    }

    /**
     * Keep a trace of the messages in the outcome (bounded by {@code choreo.runtime.trace-limit}). Off by default:
     * the trace is off the message path; durable sessions have the journal as their record.
     */
    public SessionSpec withTrace(boolean on) {
        return withOptions(options.withTrace(on));
    }

    /**
     * The class of a payload type declared by a short name in the protocol ({@code PlaceOrder(Order)}): payloads
     * of that type are checked against {@code type} at send. Qualified names ({@code shop.Order}) and JDK names
     * ({@code String}, {@code Int}, …) need no mapping; see {@link io.choreo.runtime.engine.PayloadClasses}.
     */
    public SessionSpec withPayloadClass(String declared, Class<?> type) {
        return withOptions(options.withPayloadClass(declared, type));
    }

    public SessionSpec withOptions(SessionOptions o) {
        return new SessionSpec(sessionId, source, bindings, handlers, extensions, timeout, roleBehaviors, placement,
                o);
    }

    /** The instance name of a participant: its {@code bindInstances} name, or the participant name. */
    public String instanceName(io.choreo.projection.local.Participants.Participant p) {
        return bindings.instanceName(p);
    }
}
