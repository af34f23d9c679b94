package io.ratchet.data.read;

/** Klines that read but fail validation: the report says every problem found. */
public final class KlineDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationReport report;

    public KlineDataException(String what, ValidationReport report) {
        super(what + ": " + report.summary());
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
