package io.ratchet.reports;

/** Renders a {@link ReportModel} as one self-contained page: inline CSS and script, no external resource. */
final class HtmlPage {
    private HtmlPage() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
            header{background:#1f2d3d;color:#fff;padding:18px 28px}
            header h1{margin:0;font-size:22px}
            main{max-width:1100px;margin:0 auto;padding:12px 28px 40px}
            nav a{margin-right:14px;color:#9cc3ff;font-size:14px}
            .facts{display:grid;grid-template-columns:220px 1fr;gap:4px 16px;background:#fff;border:1px solid #ddd;padding:14px 18px;border-radius:6px}
            .facts dt{color:#666}.facts dd{margin:0}
            .verdict{padding:14px 18px;border-radius:6px;margin:18px 0;font-size:16px;border-left:6px solid}
            .verdict.holds{background:#eaf7ee;border-color:#2e9b4f}.verdict.weakens{background:#fff7e0;border-color:#e0a000}
            .verdict.fails,.verdict.no_edge{background:#fdecea;border-color:#d33}.verdict.none{background:#eef2f7;border-color:#6b8bb5}
            section{margin-top:28px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px}
            figure{margin:14px 0;background:#fff;border:1px solid #e3e3e3;padding:8px;border-radius:6px}
            figure img{max-width:100%;height:auto;display:block}figcaption{color:#555;font-size:13px;margin-top:6px}
            table{border-collapse:collapse;font-size:13px;background:#fff;width:100%}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}th{background:#f0f3f7;cursor:pointer;user-select:none}
            td:first-child,th:first-child{text-align:left}th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
            p.note{color:#555;font-size:14px}.scroll{overflow-x:auto}
            table.sweep{font-size:12px}table.sweep td{white-space:nowrap;padding:3px 4px}table.sweep th{padding:3px 4px;font-weight:600}
            table.sweep th.group{text-align:center;cursor:default;background:#e4e9f0}table.sweep th.group.oos,table.sweep th.oos{background:#f7efe3}
            table.sweep td.part,table.sweep th.part{border-left:2px solid #9aa7b8}
            table.sweep tr.pick td{background:#fffbe6;font-weight:600}
            table.fidelity-widest{margin-top:12px}table.fidelity-widest td,table.fidelity-widest th{text-align:left}
            table.fidelity-grid{font-size:12px}table.fidelity-grid td{white-space:nowrap;padding:3px 5px}table.fidelity-grid th{padding:3px 5px;font-weight:600}
            table.fidelity-grid td:nth-child(2),table.fidelity-grid th:nth-child(2){text-align:left}
            table.fidelity-grid td:nth-child(4),table.fidelity-grid th:nth-child(4),table.fidelity-grid td:nth-child(9),table.fidelity-grid th:nth-child(9){border-left:2px solid #9aa7b8}
            """;

    /** Click a header to sort by it; numbers (also "+1.2%") sort as numbers. */
    private static final String SORT = """
            document.querySelectorAll('table.sortable').forEach(function (t) {
              var head = t.tHead.rows[t.tHead.rows.length - 1]; // a grouping row above it does not sort
              Array.prototype.forEach.call(head.cells, function (th, i) {
                th.addEventListener('click', function () {
                  var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                  var asc = !th.classList.contains('asc');
                  Array.prototype.forEach.call(head.cells, function (h) { h.classList.remove('asc', 'desc'); });
                  th.classList.add(asc ? 'asc' : 'desc');
                  function key(r) { var s = r.cells[i].textContent.trim(), n = parseFloat(s.replace(/\u2212/g, '-').replace(/[%+,]/g, ''));
                    return isNaN(n) ? s : n; }
                  rows.sort(function (a, b) { var x = key(a), y = key(b);
                    var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
                    return asc ? c : -c; });
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
            });
            """;

    static String render(ReportModel m) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(m.title())).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(esc(m.title())).append("</h1><nav>");
        for (ReportModel.Section s : m.sections()) {
            h.append("<a href=\"#").append(esc(s.id())).append("\">").append(esc(s.title())).append("</a>");
        }
        h.append("</nav></header>\n<main>\n<dl class=\"facts\">\n");
        for (ReportModel.Fact f : m.facts()) {
            h.append("<dt>").append(esc(f.label())).append("</dt><dd>").append(esc(f.value())).append("</dd>\n");
        }
        h.append("</dl>\n");
        if (m.verdict() != null) {
            h.append("<div class=\"verdict ").append(esc(m.verdictClass())).append("\" id=\"verdict\">").append(esc(m.verdict())).append("</div>\n");
        }
        for (ReportModel.Section s : m.sections()) {
            h.append("<section id=\"").append(esc(s.id())).append("\">\n<h2>").append(esc(s.title())).append("</h2>\n");
            if (s.text() != null) {
                h.append("<p class=\"note\">").append(esc(s.text())).append("</p>\n");
            }
            if (s.tableHtml() != null) {
                h.append("<div class=\"scroll\">").append(s.tableHtml()).append("</div>\n");
            }
            for (ReportModel.Figure f : s.figures()) {
                h.append("<figure><img src=\"").append(esc(f.file())).append("\" alt=\"").append(esc(f.caption())).append("\">")
                        .append("<figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
            }
            h.append("</section>\n");
        }
        h.append("<p class=\"note\">Made by Ratchet. Returns are per unit stake, fees on both sides; every entry is its own position.</p>\n");
        h.append("</main>\n<script>").append(SORT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }
}
