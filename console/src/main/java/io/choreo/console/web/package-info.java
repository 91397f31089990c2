/**
 * The console's web side on Pekko HTTP: {@link io.choreo.console.web.ConsoleServer} binds the pages, the JSON API
 * and the server-sent events of {@link io.choreo.console.web.ConsoleRoutes}; {@link io.choreo.console.web.Pages}
 * renders the HTML.
 */
package io.choreo.console.web;
