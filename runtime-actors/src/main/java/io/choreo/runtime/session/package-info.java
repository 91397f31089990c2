/**
 * Sessions: the {@link io.choreo.runtime.session.SessionSpec} API, the session actor that runs participants and
 * reports {@link io.choreo.runtime.session.SessionOutcome}, typed {@link io.choreo.runtime.session.SessionError}s
 * and traces.
 */
package io.choreo.runtime.session;
