/**
 * The console's web side on Pekko HTTP: {@link io.choreo.console.web.ConsoleServer} binds the pages, the JSON API
 * and the server-sent events of {@link io.choreo.console.web.ConsoleRoutes} behind the
 * {@link io.choreo.console.web.AccessGate} of its {@link io.choreo.console.web.ConsoleAccess} (loopback only, or a
 * {@link io.choreo.console.web.ConsoleToken} on every route; HTTPS when configured);
 * {@link io.choreo.console.web.Pages} renders the HTML.
 */
package io.choreo.console.web;
