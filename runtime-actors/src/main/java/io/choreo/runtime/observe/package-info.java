/**
 * Observing sessions from outside: {@link io.choreo.runtime.observe.SessionListener}s registered on an actor system
 * ({@link io.choreo.runtime.observe.SessionListeners}) hear every session that runs on it, and
 * {@link io.choreo.runtime.observe.SessionMdc} puts the session id in the logging MDC of its actors.
 */
package io.choreo.runtime.observe;
