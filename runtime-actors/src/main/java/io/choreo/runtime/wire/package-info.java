/** What travels between role actors: the {@link io.choreo.runtime.wire.CborSerializable} marker. */
package io.choreo.runtime.wire;
