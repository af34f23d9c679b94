package io.ratchet.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain sortable table of text cells, escaped. Written here rather than through tablesaw:
 * loading tablesaw's {@code Table} scans the whole class path for its readers (ClassGraph),
 * which cost a report more than all of its tables together.
 */
final class HtmlTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private String css = "sortable";

    HtmlTable(String... header) {
        this.header = List.of(header);
    }

    HtmlTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The table's class attribute ({@code sortable} unless set). */
    HtmlTable css(String classes) {
        this.css = classes;
        return this;
    }

    String html() {
        StringBuilder h = new StringBuilder("<table class=\"").append(HtmlPage.esc(css)).append("\">\n<thead>\n<tr>");
        for (String c : header) {
            h.append("<th>").append(HtmlPage.esc(c)).append("</th>");
        }
        h.append("</tr>\n</thead>\n<tbody>\n");
        for (List<String> r : rows) {
            h.append("<tr>");
            for (String c : r) {
                h.append("<td>").append(HtmlPage.esc(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody>\n</table>").toString();
    }
}
