package io.choreo.runtime.session;

import io.choreo.projection.bind.Bindings;
import io.choreo.projection.local.LocalTypePrinter;
import io.choreo.projection.local.Participants.Participant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a session runs, in short: the protocol's name and a SHA-256 over every participant's projected local type
 * and the bindings. Two sessions with equal fingerprints run the same protocol the same way.
 */
public record Fingerprint(String protocol, String digest) {

    /** Fingerprints by participants map (shared by a protocol's sessions with the same bindings); bounded. */
    private static final IdentityMemo<Map<String, Participant>, Fingerprint> KNOWN = new IdentityMemo<>(1024);

    /**
     * The fingerprint of {@code protocol} projected to {@code participants} under {@code bindings}: computed once
     * per participants map, which sessions of a protocol with the same bindings share.
     */
    public static Fingerprint of(String protocol, Map<String, Participant> participants, Bindings bindings) {
        Fingerprint known = KNOWN.get(participants, p -> compute(protocol, p, bindings));
        return known.protocol().equals(protocol) ? known : compute(protocol, participants, bindings);
    }

    private static Fingerprint compute(String protocol, Map<String, Participant> participants, Bindings bindings) {
        StringBuilder text = new StringBuilder(protocol).append('\n');
        new TreeMap<>(participants).forEach((name, p) -> text.append(name).append(" (").append(p.role())
                .append("): ").append(LocalTypePrinter.print(p.type())).append('\n'));
        text.append(new TreeMap<>(bindings.roleCounts())).append(new TreeMap<>(bindings.instanceNames()))
                .append(new TreeMap<>(bindings.symbols()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return new Fingerprint(protocol, HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return protocol + " (fingerprint " + digest.substring(0, 12) + ")";
    }
}
