package io.choreo.console.web;

import io.choreo.cluster.security.SecretFile;
import io.choreo.cluster.security.SecuritySettingsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every request to the console must carry when it is configured: as {@code Authorization: Bearer TOKEN},
 * or as the session cookie the login page sets (an HMAC of the token, never the token itself). Comparisons run in
 * constant time over digests, whatever the lengths. Its {@code toString} does not show it.
 */
public final class ConsoleToken {
    /** Shorter tokens are refused: {@code openssl rand -hex 32} makes a good one. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;
    private final String cookie;

    private ConsoleToken(String token) {
        this.digest = sha256(token);
        this.cookie = cookieOf(token);
    }

    /** The token on the first line of {@code file}, which only its owner may read. */
    public static ConsoleToken fromFile(Path file) {
        return of(SecretFile.read(file, "console token file"), "console token file " + file);
    }

    /** {@code token} itself; {@code where} names its origin in errors. */
    public static ConsoleToken of(String token, String where) {
        if (token.length() < MIN_LENGTH) {
            throw new SecuritySettingsException(where + ": the token has " + token.length() + " characters, fewer "
                    + "than " + MIN_LENGTH + " (make one with: openssl rand -hex 32)");
        }
        return new ConsoleToken(token);
    }

    /** Whether {@code candidate} is the token (constant time). */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** Whether {@code candidate} is the session cookie's value (constant time). */
    boolean matchesCookie(String candidate) {
        return candidate != null && MessageDigest.isEqual(sha256(cookie), sha256(candidate));
    }

    /** The session cookie's value: derived from the token, so the cookie never holds the token. */
    String cookie() {
        return cookie;
    }

    @Override
    public String toString() {
        return "ConsoleToken(hidden)";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String cookieOf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal("choreo-console-session".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }
}
