/**
 * Reports: a {@link io.ratchet.reports.ReportModel} is built from results first, then
 * rendered — PNG charts drawn by {@code io.ratchet.reports.chart} (no image library), one HTML page through a small template, tables
 * as escaped HTML ({@code HtmlTable}). Everything a page shows is in its folder: it opens from disk, offline.
 */
package io.ratchet.reports;
