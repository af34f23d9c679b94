/** Ratchet's adapters to files: klines in and out, configuration files, atomic writes. */
package io.ratchet.data;
