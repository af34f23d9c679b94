/** Ratchet sim module: arrives with its own issue. */
package io.ratchet.sim;
