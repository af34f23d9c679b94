package io.ratchet.live;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Client order ids: {@code <prefix>-<position>-<kind><n>}, kind {@code e} entry, {@code x}
 * exit, {@code s} exchange stop. The prefix is random per installation (kept in the
 * database), and {@code n} counts up per position, so an id is never used twice: Binance
 * accepts a client id again once its first order is no longer open, and a repeated id would
 * make "find the order by client id" ambiguous.
 */
public record ClientIds(String prefix) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    /** Eight random characters: 40 bits, unique enough across installations, short enough for Binance's 36. */
    public static String newPrefix() {
        StringBuilder b = new StringBuilder("r");
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    public String entry(long position) {
        return prefix + "-" + position + "-e";
    }

    public String exit(long position, int n) {
        return prefix + "-" + position + "-x" + n;
    }

    public String stop(long position, int n) {
        return prefix + "-" + position + "-s" + n;
    }

    /** What an id names, if it is one of ours: the position, the kind, and the id's number ({@code 0} for the entry). */
    public record Parsed(long position, char kind, int n) {
    }

    public Optional<Parsed> parse(String clientId) {
        if (clientId == null || !clientId.startsWith(prefix + "-")) {
            return Optional.empty();
        }
        String rest = clientId.substring(prefix.length() + 1);
        int dash = rest.indexOf('-');
        if (dash <= 0 || dash == rest.length() - 1) {
            return Optional.empty();
        }
        try {
            String num = rest.substring(dash + 2);
            return Optional.of(new Parsed(Long.parseLong(rest.substring(0, dash)), rest.charAt(dash + 1), num.isEmpty() ? 0 : Integer.parseInt(num)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
