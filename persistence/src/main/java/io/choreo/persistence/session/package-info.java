/**
 * The session log: each session's start (protocol, source, bindings, participants) and outcome, journaled by
 * {@link io.choreo.persistence.session.SessionLog} and read back by {@link io.choreo.persistence.session.SessionLogQuery}.
 */
package io.choreo.persistence.session;
