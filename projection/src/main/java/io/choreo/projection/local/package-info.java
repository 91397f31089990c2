/**
 * Local types ({@link io.choreo.projection.local.LocalType}), their canonical printer and their instantiation for
 * concrete array sizes.
 */
package io.choreo.projection.local;
