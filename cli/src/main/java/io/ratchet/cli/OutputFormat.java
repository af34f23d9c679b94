package io.ratchet.cli;

/** How a command prints its result. */
enum OutputFormat {
    TABLE, JSON, CSV
}
