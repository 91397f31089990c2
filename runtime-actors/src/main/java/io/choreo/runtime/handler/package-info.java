/**
 * The handler SPI: application code plugged into a participant — payloads for sends, receipt of messages, choice
 * labels, loop decisions, guard variables and the participant's result.
 */
package io.choreo.runtime.handler;
