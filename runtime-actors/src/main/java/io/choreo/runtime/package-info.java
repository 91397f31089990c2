/** Entry points for application code: {@link io.choreo.runtime.Choreo} loads protocols from the classpath. */
package io.choreo.runtime;
