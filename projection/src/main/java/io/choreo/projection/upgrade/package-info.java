/**
 * Whether a changed protocol may replace the old one for sessions in flight: {@link
 * io.choreo.projection.upgrade.UpgradeCheck} maps every state of each participant's old machine to the states of the
 * new machine that replaying the same journal reaches, and reports the states where the two futures differ.
 */
package io.choreo.projection.upgrade;
