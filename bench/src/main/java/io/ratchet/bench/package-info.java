/** Ratchet bench module: arrives with its own issue. */
package io.ratchet.bench;
