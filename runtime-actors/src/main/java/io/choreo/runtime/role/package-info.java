/** The role actor: a participant's local type interpreted node by node as Pekko typed behaviours. */
package io.choreo.runtime.role;
