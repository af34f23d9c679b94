/** Ratchet live module: arrives with its own issue. */
package io.ratchet.live;
