/**
 * What travels between role actors and into the journal: the {@link io.choreo.runtime.wire.CborSerializable} marker,
 * and declared type ids for polymorphic fields ({@link io.choreo.runtime.wire.DeclaredTypeIds},
 * {@link io.choreo.runtime.wire.TypeIdTable}), never a class name.
 */
package io.choreo.runtime.wire;
