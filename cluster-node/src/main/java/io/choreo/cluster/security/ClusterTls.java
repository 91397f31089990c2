package io.choreo.cluster.security;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Artery over TLS with mutual authentication: every connection between two nodes is encrypted, and each side must
 * present a certificate its trust store holds, so a node without the cluster's certificate can neither join nor
 * deliver a message to any actor. The stores are PKCS12 files; one password (the first line of
 * {@code passwordFile}, readable by its owner only) opens the key store, its key and the trust store.
 * In HOCON: {@code choreo.node.tls { key-store = …, trust-store = …, password-file = … }}.
 */
public record ClusterTls(Path keyStore, Path trustStore, Path passwordFile) {
    /** Where {@link #fromConfig} looks. */
    public static final String CONFIG_PATH = "choreo.node.tls";

    /** The TLS settings of {@code config} under {@value #CONFIG_PATH}, if its {@code key-store} is set. */
    public static Optional<ClusterTls> fromConfig(Config config) {
        if (!config.hasPath(CONFIG_PATH + ".key-store")) {
            return Optional.empty();
        }
        Config c = config.getConfig(CONFIG_PATH);
        for (String key : new String[] {"trust-store", "password-file"}) {
            if (!c.hasPath(key)) {
                throw new SecuritySettingsException(CONFIG_PATH + ".key-store is set but " + CONFIG_PATH + "." + key
                        + " is not");
            }
        }
        return Optional.of(new ClusterTls(Path.of(c.getString("key-store")), Path.of(c.getString("trust-store")),
                Path.of(c.getString("password-file"))));
    }

    /**
     * The Artery settings, once the password file, the key store and the trust store have been checked (a
     * {@link SecuritySettingsException} otherwise).
     */
    public Config artery() {
        String password = SecretFile.read(passwordFile, "TLS password file");
        KeyStores.keyStore(keyStore, password.toCharArray(), "TLS key store");
        KeyStores.trustStore(trustStore, password.toCharArray(), "TLS trust store");
        return ConfigFactory.parseMap(Map.of(
                "pekko.remote.artery.transport", "tls-tcp",
                "pekko.remote.artery.ssl.ssl-engine-provider",
                "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider",
                "pekko.remote.artery.ssl.config-ssl-engine.key-store", keyStore.toAbsolutePath().toString(),
                "pekko.remote.artery.ssl.config-ssl-engine.trust-store", trustStore.toAbsolutePath().toString(),
                "pekko.remote.artery.ssl.config-ssl-engine.key-store-password", password,
                "pekko.remote.artery.ssl.config-ssl-engine.key-password", password,
                "pekko.remote.artery.ssl.config-ssl-engine.trust-store-password", password,
                "pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication", "on"),
                "TLS settings of " + keyStore);
    }
}
