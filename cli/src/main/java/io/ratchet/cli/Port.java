package io.ratchet.cli;

import picocli.CommandLine;

/** A TCP port option: 0 (any free port) to 65535, refused as a usage error before any server is started. */
final class Port implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int p;
        try {
            p = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a port; give 1 to 65535, or 0 for any free one");
        }
        if (p < 0 || p > 65_535) {
            throw new CommandLine.TypeConversionException(p + " is not a port; give 1 to 65535, or 0 for any free one");
        }
        return p;
    }
}
