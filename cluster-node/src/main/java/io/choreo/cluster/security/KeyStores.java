package io.choreo.cluster.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/** PKCS12 key and trust stores, loaded and checked up front so that a mistake is one sentence, not a failed start. */
public final class KeyStores {
    private KeyStores() {
    }

    /** A key store holding at least one private key (with its certificate chain). */
    public static KeyStore keyStore(Path file, char[] password, String what) {
        KeyStore store = load(file, password, what);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    store.getKey(alias, password);   // the key opens with the store's password
                    return store;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SecuritySettingsException(what + " " + file + ": its key does not open with the password ("
                    + e.getMessage() + ")");
        }
        throw new SecuritySettingsException(what + " " + file + ": holds no private key (make one with keytool "
                + "-genkeypair)");
    }

    /** A trust store holding at least one certificate. */
    public static KeyStore trustStore(Path file, char[] password, String what) {
        KeyStore store = load(file, password, what);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) || store.getCertificate(alias) != null) {
                    return store;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SecuritySettingsException(what + " " + file + ": " + e.getMessage());
        }
        throw new SecuritySettingsException(what + " " + file + ": holds no certificate (import one with keytool "
                + "-importcert)");
    }

    private static KeyStore load(Path file, char[] password, String what) {
        if (!Files.isRegularFile(file)) {
            throw new SecuritySettingsException(what + " " + file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            String cause = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password") ? "wrong password" : e.getMessage();
            throw new SecuritySettingsException(what + " " + file + ": cannot open it as a PKCS12 store (" + cause
                    + ")");
        } catch (GeneralSecurityException e) {
            throw new SecuritySettingsException(what + " " + file + ": cannot open it as a PKCS12 store ("
                    + e.getMessage() + ")");
        }
    }
}
