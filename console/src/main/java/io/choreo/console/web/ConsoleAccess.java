package io.choreo.console.web;

import com.typesafe.config.Config;
import io.choreo.cluster.security.KeyStores;
import io.choreo.cluster.security.Loopback;
import io.choreo.cluster.security.SecretFile;
import io.choreo.cluster.security.SecuritySettingsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;

/**
 * Who may use the console and how it is reached. Without a token the console serves only a loopback interface
 * (and only requests naming a loopback host, against DNS rebinding); with one, every route — pages, JSON API, event
 * stream, assets — requires it. With a PKCS12 key store it serves HTTPS only.
 * In HOCON: {@code choreo.console.token-file}, {@code choreo.console.tls.key-store},
 * {@code choreo.console.tls.password-file}.
 */
public record ConsoleAccess(Optional<ConsoleToken> token, Optional<HttpsConnectionContext> https) {

    /** No token, plain HTTP: for a loopback interface only. */
    public static ConsoleAccess open() {
        return new ConsoleAccess(Optional.empty(), Optional.empty());
    }

    /** From files (each may be null): the token file, the key store and the file with its password. */
    public static ConsoleAccess of(Path tokenFile, Path keyStore, Path passwordFile) {
        if (keyStore != null && passwordFile == null || keyStore == null && passwordFile != null) {
            throw new SecuritySettingsException("console TLS needs both a key store and its password file");
        }
        return new ConsoleAccess(Optional.ofNullable(tokenFile).map(ConsoleToken::fromFile),
                Optional.ofNullable(keyStore).map(k -> https(k, passwordFile)));
    }

    /** From {@code choreo.console} in {@code config}. */
    public static ConsoleAccess fromConfig(Config config) {
        Config c = config.getConfig("choreo.console");
        return of(path(c, "token-file"), path(c, "tls.key-store"), path(c, "tls.password-file"));
    }

    /** A copy that requires {@code token}. */
    public ConsoleAccess withToken(ConsoleToken token) {
        return new ConsoleAccess(Optional.of(token), https);
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return https.isPresent() ? "https" : "http";
    }

    /** Refuses (before anything binds) to serve an interface other than loopback without a token. */
    public void checkBinding(String host) {
        if (token.isEmpty() && !Loopback.is(host, "console host")) {
            throw new SecuritySettingsException("the console would serve " + host + " to anyone who can reach it: "
                    + "without a token it binds only a loopback interface (127.0.0.1); give it a token file "
                    + "(--token-file, or choreo.console.token-file) to serve " + host);
        }
    }

    private static Path path(Config c, String key) {
        return c.hasPath(key) && !c.getString(key).isBlank() ? Path.of(c.getString(key)) : null;
    }

    private static HttpsConnectionContext https(Path keyStore, Path passwordFile) {
        char[] password = SecretFile.read(passwordFile, "console TLS password file").toCharArray();
        KeyStore store = KeyStores.keyStore(keyStore, password, "console TLS key store");
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            return ConnectionContext.httpsServer(tls);
        } catch (GeneralSecurityException e) {
            throw new SecuritySettingsException("console TLS key store " + keyStore + ": " + e.getMessage());
        }
    }
}
