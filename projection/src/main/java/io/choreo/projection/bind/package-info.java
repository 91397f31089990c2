/** Session-start bindings of array sizes and symbols, checked against a protocol. */
package io.choreo.projection.bind;
