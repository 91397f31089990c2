package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cluster.security.SecuritySettingsException;
import io.choreo.cluster.security.TestKeys;
import io.choreo.console.web.ConsoleAccess;
import io.choreo.console.web.ConsoleServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may use the console, over real HTTP(S) on 127.0.0.1:18040-2: every route the console serves — found by
 * crawling its pages and its script from {@code /} with the token, not listed by hand — answers 401 without the
 * token, with a wrong one and with a forged cookie, and answers with the token or the login cookie; seeded random
 * paths and methods are refused too. Binding another interface without a token is refused before anything listens;
 * HTTPS with a PKCS12 key store made by keytool; a loopback console without a token answers only loopback host
 * names. About 10 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAccessTest {
    static final int TOKEN_PORT = 18040;
    static final int HTTPS_PORT = 18041;
    static final int OPEN_PORT = 18042;
    static final String TOKEN = "t0ken-" + Long.toHexString(new Random().nextLong()) + "-console";
    static final Pattern LINK = Pattern.compile("(?:href|src|action)=\"(/[^\"]*)\"|(?:fetch|EventSource)\\('(/[^']*)'");

    ConsoleFixture fixture;
    TestKeys keys;
    Path tokenFile;
    final List<ConsoleServer> servers = new ArrayList<>();
    HttpClient https;

    @BeforeAll
    void start() throws Exception {
        keys = new TestKeys();
        tokenFile = TestKeys.secret(keys.dir().resolve("token"), TOKEN);
        fixture = new ConsoleFixture("ConsoleAccessTest");
        servers.add(start(TOKEN_PORT, ConsoleAccess.of(tokenFile, null, null)));
        Path store = keys.identity("console");
        servers.add(start(HTTPS_PORT, ConsoleAccess.of(tokenFile, store, keys.passwordFile())));
        servers.add(start(OPEN_PORT, ConsoleAccess.open()));
        fixture.negotiation("guarded-1");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys.trustStore("console-trust", store))) {
            trust.load(in, TestKeys.PASSWORD.toCharArray());
        }
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tm.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    ConsoleServer start(int port, ConsoleAccess access) throws Exception {
        return ConsoleServer.start(fixture.kit.system(), new ConsoleServer.Options("127.0.0.1", port, true, true,
                access)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        for (ConsoleServer s : servers) {
            s.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyRouteNeedsTheTokenAndServesWithIt() throws Exception {
        ConsoleServerTest.eventually(() -> fixture.json(OPEN_PORT, "/api/sessions"), l -> l.size() >= 1);
        Set<String> routes = crawl("http://127.0.0.1:" + TOKEN_PORT);
        assertTrue(routes.containsAll(List.of("/", "/api/sessions", "/api/events", "/sessions/guarded-1",
                "/sessions/guarded-1/protocol", "/assets/console.js", "/assets/mermaid.min.js")),
                "the crawl finds pages, API, event stream and assets: " + routes);
        for (String route : routes) {
            String url = "http://127.0.0.1:" + TOKEN_PORT + route;
            assertEquals(401, status(url, null), "no token: " + route);
            assertEquals(401, status(url, "Authorization", "Bearer " + TOKEN + "x"), "wrong token: " + route);
            assertEquals(401, status(url, "Authorization", "Bearer " + TOKEN.substring(1)), "prefix: " + route);
            assertEquals(401, status(url, "Cookie", "choreo-console=" + TOKEN), "the token as cookie: " + route);
            assertEquals(200, status(url, "Authorization", "Bearer " + TOKEN), "token: " + route);
            assertEquals(200, status(url, "Cookie", login(TOKEN_PORT)), "cookie: " + route);
        }
        long seed = Long.getLong("choreo.access.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS");
        List<String> parts = new ArrayList<>(List.of("api", "sessions", "events", "assets", "protocol", "guarded-1",
                "..", "%2e%2e", "login.", "x", ""));
        for (int i = 0; i < 200; i++) {
            StringBuilder path = new StringBuilder();
            for (int n = random.nextInt(4); n >= 0; n--) {
                path.append('/').append(parts.get(random.nextInt(parts.size())));
            }
            String method = methods.get(random.nextInt(methods.size()));
            if (path.toString().equals("/login") || path.toString().equals("/logout")) {
                continue;
            }
            HttpResponse<String> r = fixture.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + TOKEN_PORT + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), method + " " + path + " without a token (seed " + seed
                    + ", -Dchoreo.access.seed=" + seed + " replays)");
        }
    }

    @Test
    void theLoginPageSetsAnHttpOnlySameSiteCookieThatIsNotTheToken() throws Exception {
        HttpResponse<String> wrong = postLogin(TOKEN_PORT, "not-" + TOKEN);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("wrong token"), wrong.body());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        HttpResponse<String> right = postLogin(TOKEN_PORT, TOKEN);
        assertEquals(303, right.statusCode());
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"),
                cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: " + cookie);
        assertFalse(cookie.contains(TOKEN), cookie);
        assertEquals(200, status("http://127.0.0.1:" + TOKEN_PORT + "/login", null), "the login page is open");
        HttpResponse<String> page = fixture.get(TOKEN_PORT, "/");
        assertTrue(page.body().contains("id=\"login\""), "a page without the token is the login form");
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(page.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> logout = fixture.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + TOKEN_PORT + "/logout")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, logout.statusCode());
        String removed = logout.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(removed.startsWith("choreo-console=") && removed.contains("Expires=Wed, 01 Jan 1800"), removed);
    }

    @Test
    void bindingAnotherInterfaceWithoutATokenIsRefusedBeforeAnythingListens() throws Exception {
        List<String> hosts = new ArrayList<>(List.of("0.0.0.0", "::"));
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress()) {
                    hosts.add(a.getHostAddress().replaceAll("%.*$", ""));
                }
            }
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        for (String host : hosts) {
            SecuritySettingsException e = assertThrows(SecuritySettingsException.class, () -> ConsoleServer.start(
                    fixture.kit.system(), new ConsoleServer.Options(host, port, true, true)));
            assertTrue(e.getMessage().contains(host) && e.getMessage().contains("token"), e.getMessage());
            try (ServerSocket stillFree = new ServerSocket(port)) {
                assertEquals(port, stillFree.getLocalPort(), "nothing listens on " + port);
            }
        }
        // loopback names are fine without a token
        ConsoleAccess.open().checkBinding("localhost");
        ConsoleAccess.open().checkBinding("127.0.0.1");
    }

    @Test
    void httpsServesWithTheKeyStoreAndTheCookieIsSecure() throws Exception {
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HTTPS_PORT
                + "/api/sessions")).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(401, https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HTTPS_PORT
                + "/api/sessions")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HTTPS_PORT
                + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
        assertThrows(java.io.IOException.class, () -> fixture.get(HTTPS_PORT, "/api/sessions"),
                "no plain HTTP on the HTTPS port");
    }

    @Test
    void aLoopbackConsoleWithoutATokenAnswersOnlyLoopbackHostNames() throws Exception {
        assertEquals(200, rawStatus(OPEN_PORT, "127.0.0.1:" + OPEN_PORT));
        assertEquals(200, rawStatus(OPEN_PORT, "localhost:" + OPEN_PORT));
        assertEquals(421, rawStatus(OPEN_PORT, "rebound.example:" + OPEN_PORT), "a rebound DNS name");
    }

    @Test
    void unusableSecretsAreTypedErrorsNamingTheFile() throws Exception {
        Path open = Files.writeString(keys.dir().resolve("open-token"), TOKEN);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path shortToken = TestKeys.secret(keys.dir().resolve("short"), "abc");
        Path wrongPassword = TestKeys.secret(keys.dir().resolve("wrong-password"), "not-the-password");
        Path store = keys.dir().resolve("console.p12");
        List<Runnable> mistakes = List.of(
                () -> ConsoleAccess.of(open, null, null),
                () -> ConsoleAccess.of(shortToken, null, null),
                () -> ConsoleAccess.of(keys.dir().resolve("missing"), null, null),
                () -> ConsoleAccess.of(null, store, wrongPassword),
                () -> ConsoleAccess.of(null, tokenFile, keys.passwordFile()),
                () -> ConsoleAccess.of(null, store, null));
        for (Runnable mistake : mistakes) {
            SecuritySettingsException e = assertThrows(SecuritySettingsException.class, mistake::run);
            assertTrue(e.getMessage().length() < 300 && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /** Same-origin paths reachable from {@code /} with the token: links, sources, forms and the script's URLs. */
    private Set<String> crawl(String base) throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of("/"));
        while (!queue.isEmpty() && seen.size() < 60) {
            String path = queue.poll();
            if (!seen.add(path) || path.equals("/api/events")) {
                continue;
            }
            String body = fixture.http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (path.endsWith(".min.js")) {
                continue;
            }
            Matcher m = LINK.matcher(body);
            while (m.find()) {
                String found = (m.group(1) != null ? m.group(1) : m.group(2)).replaceAll("[?#].*$", "");
                if (!found.equals("/login") && !seen.contains(found)) {
                    queue.add(found);
                }
            }
        }
        return seen;
    }

    /** The status of a GET (only the headers are read: the event stream does not end). */
    private int status(String url, String header, String... value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (header != null) {
            b.header(header, value[0]);
        }
        HttpResponse<InputStream> r = fixture.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (!url.endsWith("/api/events") || r.statusCode() != 200) {
            r.body().readAllBytes();
        }
        r.body().close();
        return r.statusCode();
    }

    private HttpResponse<String> postLogin(int port, String token) throws Exception {
        return fixture.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code choreo-console=…} from a login with the right token. */
    private String login(int port) throws Exception {
        String setCookie = postLogin(port, TOKEN).headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** A GET of {@code /api/sessions} naming {@code host} in its Host header (which HttpClient does not let us set). */
    private static int rawStatus(int port, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /api/sessions HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
