package io.choreo.runtime.wire;

/**
 * Marker for messages serialized with Jackson CBOR (bound in {@code reference.conf}), so the same messages cross
 * nodes of a cluster unchanged.
 */
public interface CborSerializable {
}
