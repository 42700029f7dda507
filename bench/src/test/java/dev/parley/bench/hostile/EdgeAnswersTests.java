package dev.parley.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.hostile.Floods.EdgeAnswers;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EdgeAnswersTests {

    /** In status order, as the flood's tally keeps them. */
    private static Map<Integer, Integer> statuses(Integer... statusAndCount) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < statusAndCount.length; i += 2) {
            statuses.put(statusAndCount[i], statusAndCount[i + 1]);
        }
        return statuses;
    }

    @Test
    void whenTheEdgeCheckedEveryRequestTheLimitHoldsExactly() {
        EdgeAnswers answers = new EdgeAnswers(statuses(201, 11, 429, 1), 0, 0);

        assertThat(answers.withinLimit(answers.count(201), 10, 1)).isFalse();
        assertThat(new EdgeAnswers(statuses(201, 10, 429, 2), 0, 0).withinLimit(10, 10, 2)).isTrue();
        assertThat(new EdgeAnswers(statuses(201, 10, 429, 1), 0, 0).withinLimit(10, 10, 2)).isFalse();
        assertThat(answers.measured(" in 1.0 s")).isEqualTo("{201=11, 429=1} in 1.0 s");
    }

    @Test
    void requestsThatPassedUncheckedMayExceedTheLimitAndAreNamed() {
        EdgeAnswers answers = new EdgeAnswers(statuses(201, 11, 429, 1), 1, 0);

        assertThat(answers.withinLimit(answers.count(201), 10, 2)).isTrue();
        assertThat(answers.withinLimit(12, 10, 2)).isFalse();
        assertThat(answers.measured("")).isEqualTo(
                "{201=11, 429=1}, 1 passed the edge unchecked meanwhile (no room for their buckets)");
    }

    @Test
    void requestsTheEdgeCheckedAloneAreHeldToTheLimitAndNamed() {
        EdgeAnswers answers = new EdgeAnswers(statuses(201, 11, 429, 1), 0, 5);

        assertThat(answers.withinLimit(answers.count(201), 10, 1)).as("its own buckets hold the same limit").isFalse();
        assertThat(new EdgeAnswers(statuses(201, 10, 429, 2), 0, 5).measured("")).isEqualTo(
                "{201=10, 429=2}, 5 checked by the edge's own buckets meanwhile (Redis slower than its timeout)");
    }
}
