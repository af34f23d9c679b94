package io.ratchet.reports;

import java.util.List;

/**
 * A report before rendering: plain text and references to chart files. Rendering escapes
 * every string, so nothing here is markup except the tables ({@link HtmlTable}, {@link SweepTableHtml}: escaped too).
 */
public record ReportModel(String title, List<Fact> facts, String verdict, String verdictClass, List<Section> sections) {

    /** A labelled value in the summary box. */
    public record Fact(String label, String value) {
    }

    /** A chart file in the report folder and what it shows. */
    public record Figure(String file, String caption) {
    }

    /** A titled part of the page: an explanation, optional table HTML (escaped), figures. */
    public record Section(String id, String title, String text, String tableHtml, List<Figure> figures) {
    }
}
