package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Asking for the usage runs nothing: {@code ./parley bench w2 --help} had run W2. */
class BenchMainTests {

    @Test
    void helpAnywhereOnTheLineIsAskingForTheUsage() {
        assertThat(BenchMain.wantsHelp(new String[0])).isTrue();
        assertThat(BenchMain.wantsHelp(new String[] {"help"})).isTrue();
        assertThat(BenchMain.wantsHelp(new String[] {"--help"})).isTrue();
        assertThat(BenchMain.wantsHelp(new String[] {"w2", "--help"})).isTrue();
        assertThat(BenchMain.wantsHelp(new String[] {"w1", "--rate", "20", "-h"})).isTrue();
    }

    @Test
    void aWorkloadWithItsOptionsRuns() {
        assertThat(BenchMain.wantsHelp(new String[] {"w1"})).isFalse();
        assertThat(BenchMain.wantsHelp(new String[] {"w2", "--connections", "4000", "--hold", "40s"})).isFalse();
        assertThat(BenchMain.wantsHelp(new String[] {"w1", "--body", "help"})).isFalse();
    }
}
