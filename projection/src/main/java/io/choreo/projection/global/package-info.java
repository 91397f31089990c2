/** The core global protocol ({@link io.choreo.projection.global.Global}) produced by desugaring the DSL AST. */
package io.choreo.projection.global;
