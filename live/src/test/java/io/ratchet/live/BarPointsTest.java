package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A 1m bar from REST is walked as four points; all but its open say something only the whole minute knows. */
class BarPointsTest {
    @Test
    void theLowHighAndCloseOfABarAreStampedAtItsEnd() {
        long t = 1_620_400_260_000L; // 15:11:00, the bar of chaos seed 119
        // open 57300, high 57333, low 57240, close 57310: a long walks low first (close above open)
        List<double[]> pts = FeedSupervisor.barPoints(List.of(new double[] {t, 57300, 57333, 57240, 57310}), 1);
        assertThat(pts).hasSize(4);
        assertThat(pts.get(0)).containsExactly(57300, t, 1); // the open: a jump, at the minute's start
        assertThat(pts.get(1)).containsExactly(57240, t + 59_999, 0);
        assertThat(pts.get(2)).containsExactly(57333, t + 59_999, 0);
        assertThat(pts.get(3)).containsExactly(57310, t + 59_999, 0);
        // A position stored after the high has lastTime at the minute's end: a trade of that minute (15:11:15)
        // lies before it and is not walked again under the stop the high set.
        assertThat(t + 15_000 < (long) pts.get(2)[1]).isTrue();
    }
}
