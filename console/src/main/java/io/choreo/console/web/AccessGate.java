package io.choreo.console.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.SameSite;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * In front of every route of the console. With a token: {@code GET /login} (a form) and {@code POST /login} (sets an
 * HttpOnly, SameSite=Strict session cookie, Secure over HTTPS) and {@code POST /logout} are open; anything else needs
 * {@code Authorization: Bearer TOKEN} or the cookie, or is answered 401 (the login page for pages, JSON for
 * {@code /api}). Without a token (loopback only): a request must name a loopback host, so a page of another site
 * whose name was rebound to 127.0.0.1 cannot read the console. Every answer forbids framing and type sniffing.
 */
final class AccessGate extends AllDirectives {
    static final String COOKIE = "choreo-console";
    private static final List<HttpHeader> HARDENING = List.of(RawHeader.create("X-Frame-Options", "DENY"),
            RawHeader.create("X-Content-Type-Options", "nosniff"), RawHeader.create("Referrer-Policy", "no-referrer"));

    private final ConsoleAccess access;

    AccessGate(ConsoleAccess access) {
        this.access = access;
    }

    Route guard(Route inner) {
        return respondWithHeaders(HARDENING, () -> access.token().map(token -> concat(
                path("login", () -> concat(
                        get(() -> page(StatusCodes.OK, Pages.login(""))),
                        post(() -> formFieldOptional("token", given -> token.matches(given.orElse(null))
                                ? setCookie(HttpCookie.create(COOKIE, token.cookie()).withPath("/").withHttpOnly(true)
                                        .withSameSite(SameSite.Strict).withSecure(access.https().isPresent()),
                                        () -> redirect(Uri.create("/"), StatusCodes.SEE_OTHER))
                                : page(StatusCodes.UNAUTHORIZED, Pages.login("wrong token")))))),
                path("logout", () -> post(() -> deleteCookie(COOKIE, "", "/",
                        () -> redirect(Uri.create("/login"), StatusCodes.SEE_OTHER)))),
                optionalHeaderValueByName("Authorization", header -> optionalCookie(COOKIE, cookie ->
                        authorized(token, header, cookie) ? inner : refused()))))
                .orElseGet(() -> extractHost(host -> loopbackName(host) ? inner
                        : complete(StatusCodes.MISDIRECTED_REQUEST, "this console answers only requests to "
                                + "127.0.0.1 or localhost"))));
    }

    private static boolean authorized(ConsoleToken token, Optional<String> header, Optional<HttpCookiePair> cookie) {
        boolean bearer = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> token.matches(h.substring(7).strip())).orElse(false);
        return bearer | cookie.map(c -> token.matchesCookie(c.value())).orElse(false);
    }

    private Route refused() {
        Supplier<Route> answer = () -> extractUri(uri -> uri.path().startsWith("/api/") || uri.path().equals("/api")
                ? complete(HttpResponse.create().withStatus(StatusCodes.UNAUTHORIZED).withEntity(HttpEntities.create(
                        ContentTypes.APPLICATION_JSON, "{\"error\":\"a token is required: Authorization: Bearer "
                                + "TOKEN\"}")))
                : page(StatusCodes.UNAUTHORIZED, Pages.login("")));
        return respondWithHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"choreo console\""), answer);
    }

    private Route page(org.apache.pekko.http.javadsl.model.StatusCode status, String html) {
        return complete(HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(
                ContentTypes.TEXT_HTML_UTF8, html)));
    }

    /** A host name that is loopback by itself (no DNS lookup: a rebound name resolves to 127.0.0.1 too). */
    static boolean loopbackName(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
