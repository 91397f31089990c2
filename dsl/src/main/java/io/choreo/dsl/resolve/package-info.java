/** Name resolution: roles and sub-protocols referenced by a choreography must be declared. */
package io.choreo.dsl.resolve;
