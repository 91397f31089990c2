/**
 * The functional core of the console: a session as data ({@link io.choreo.console.view.SessionData}, whatever its
 * source), and the views computed from it — summaries, details with per-participant state replayed over the local
 * types, sequence diagrams and protocol views.
 */
package io.choreo.console.view;
