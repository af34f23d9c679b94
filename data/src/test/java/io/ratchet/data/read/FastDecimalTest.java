package io.ratchet.data.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FastDecimalTest {

    static LongStream seeds() {
        return LongStream.range(1, 51);
    }

    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return FastDecimal.parse(b, 0, b.length);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithDoubleParseDoubleBitForBit(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < 2000; k++) {
            int decimals = rnd.nextInt(11);
            long whole = rnd.nextLong(rnd.nextBoolean() ? 100 : 100_000_000L);
            long frac = decimals == 0 ? 0 : rnd.nextLong((long) Math.pow(10, decimals));
            String text = decimals == 0 ? Long.toString(whole) : whole + "." + String.format("%0" + decimals + "d", frac);
            assertThat(Double.doubleToRawLongBits(parse(text)))
                    .as("seed %d: %s", seed, text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"56321.5", "12655944.0", "0.00000001", "1e-8", "-3.25", "123456789012345678901.5", "0.1234567890123456789"})
    void edgeCasesMatchTheJdk(String text) {
        assertThat(parse(text)).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "1,5", "-", "."})
    void nonNumbersAreNaN(String text) {
        assertThat(parse(text)).isNaN();
    }
}
