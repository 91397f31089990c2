/** The {@link io.choreo.runtime.program.Program} builder: local types written in Java and run by the same runtime. */
package io.choreo.runtime.program;
