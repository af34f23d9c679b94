/** Ratchet reports module: arrives with its own issue. */
package io.ratchet.reports;
