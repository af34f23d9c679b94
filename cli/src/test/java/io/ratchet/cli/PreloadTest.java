package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** Preload gives up silently at the first name it cannot load, so a renamed class would quietly end it: every name must load. */
class PreloadTest {
    @Test
    void everyClassNamedIsOnTheClassPath() {
        for (String[] names : new String[][] {Preload.SWEEP, Preload.REPORT}) {
            for (String name : names) {
                assertThatCode(() -> Class.forName(name, false, PreloadTest.class.getClassLoader())).as(name).doesNotThrowAnyException();
            }
        }
    }
}
