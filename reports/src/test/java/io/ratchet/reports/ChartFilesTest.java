package io.ratchet.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.ratchet.reports.chart.XYChart;

class ChartFilesTest {
    private static XYChart chart(int k) {
        double[] trail = {0.01, 0.02, 0.03, 0.04};
        double[] score = {k, k + 1.5, k - 0.5, k + 2};
        return Charts.scoreVsTrail("percent", "mean, %", trail, score, null, 0.02, k + 1.5);
    }

    @Test
    void chartsDrawnTogetherAreTheChartsDrawnAlone(@TempDir Path dir) throws IOException {
        List<byte[]> alone = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            alone.add(Png.encode(chart(k).draw()));
        }
        try (ChartFiles files = new ChartFiles(dir)) {
            for (int k = 0; k < 8; k++) {
                files.png(chart(k), "c" + k + ".png");
            }
            files.finish();
        }
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(alone.get(k), Files.readAllBytes(dir.resolve("c" + k + ".png")), "chart " + k);
        }
    }

    @Test
    void aChartThatCannotBeWrittenFailsTheReport(@TempDir Path dir) throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        try (ChartFiles files = new ChartFiles(notADir)) {
            files.png(chart(1), "c.png");
            IOException e = assertThrows(IOException.class, files::finish);
            assertTrue(e.getMessage().contains("file"), e.getMessage());
        }
    }
}
