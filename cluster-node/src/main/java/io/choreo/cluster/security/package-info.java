/**
 * Secrets and keys of a node, read and checked before anything listens: {@link io.choreo.cluster.security.SecretFile}
 * (a token or password in a file only its owner can read), {@link io.choreo.cluster.security.KeyStores} (PKCS12 key
 * and trust stores) and {@link io.choreo.cluster.security.ClusterTls} (Artery over TLS with mutual authentication), {@link io.choreo.cluster.security.Loopback}.
 * Every mistake is a {@link io.choreo.cluster.security.SecuritySettingsException} naming the file and the cause.
 */
package io.choreo.cluster.security;
