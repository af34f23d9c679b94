/**
 * JMH benchmarks. Every figure is reported next to a baseline measured in the same run
 * (machines here are noisy): see {@code bench/README.md} for the command and the figures.
 */
package io.ratchet.bench;
