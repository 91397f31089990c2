/**
 * OpenTelemetry for sessions, on the OpenTelemetry API only (no SDK; the application installs one and its
 * exporter): {@link io.choreo.console.telemetry.SessionTelemetry} for session metrics and a span per session,
 * {@link io.choreo.console.telemetry.MeteredBudget} for the remaining flow budget.
 */
package io.choreo.console.telemetry;
