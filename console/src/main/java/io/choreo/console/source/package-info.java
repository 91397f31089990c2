/**
 * Where the console's sessions come from: {@link io.choreo.console.source.LiveSessions} (a session listener on the
 * node that runs them) and {@link io.choreo.console.source.JournalSessions} (the session log and the audit of the
 * journal), merged by {@link io.choreo.console.source.SessionCatalog}.
 */
package io.choreo.console.source;
