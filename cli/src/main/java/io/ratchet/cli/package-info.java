/** The {@code ratchet} command line: the one place that wires all modules together. */
package io.ratchet.cli;
