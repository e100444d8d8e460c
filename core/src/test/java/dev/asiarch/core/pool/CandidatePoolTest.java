package dev.asiarch.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CandidatePoolTest {

    private static List<PoolEntry> entries(int count) {
        return IntStream.range(0, count).mapToObj(i -> new PoolEntry("e" + i, "n" + i, i / 100.0)).toList();
    }

    @Test
    void keepsTheBestUpToCapacity() {
        CandidatePool pool = CandidatePool.of(50, entries(80));

        assertThat(pool.size()).isEqualTo(50);
        assertThat(pool.ranked().get(0).experimentId()).isEqualTo("e79");
        assertThat(pool.ranked().get(49).experimentId()).isEqualTo("e30");
    }

    @Test
    void parentsComeUniformlyFromTheTopTenAndReferencesFromRanksElevenToFifty() {
        CandidatePool pool = CandidatePool.of(50, entries(60));
        Set<String> topTen = new HashSet<>(pool.ranked().subList(0, 10).stream().map(PoolEntry::experimentId).toList());
        Map<String, Integer> parentCounts = new HashMap<>();
        Random random = new Random(1);
        for (int i = 0; i < 5000; i++) {
            PoolSample sample = pool.sample(random);
            parentCounts.merge(sample.parent().experimentId(), 1, Integer::sum);
            assertThat(sample.references()).hasSize(4).doesNotHaveDuplicates();
            sample.references().forEach(ref -> assertThat(topTen).doesNotContain(ref.experimentId()));
        }
        assertThat(parentCounts.keySet()).isEqualTo(topTen);
        parentCounts.values().forEach(count -> assertThat(count).isBetween(400, 600));
    }

    @Test
    void aYoungPoolDrawsReferencesFromTheRestOfTheBand() {
        CandidatePool pool = CandidatePool.of(50, entries(3));

        PoolSample sample = pool.sample(new Random(3));

        assertThat(sample.references()).hasSize(2).doesNotContain(sample.parent());
        assertThat(CandidatePool.of(50, entries(1)).sample(new Random(3)).references()).isEmpty();
    }

    @Test
    void samplingIsDeterministicForASeed() {
        CandidatePool pool = CandidatePool.of(50, entries(30));
        List<PoolSample> first = new ArrayList<>();
        List<PoolSample> second = new ArrayList<>();
        Random a = new Random(9);
        Random b = new Random(9);
        for (int i = 0; i < 20; i++) {
            first.add(pool.sample(a));
            second.add(pool.sample(b));
        }
        assertThat(first).isEqualTo(second);
    }

    @Test
    void admittingReplacesEntriesWithTheSameId() {
        CandidatePool pool = CandidatePool.of(2, entries(2)).admit(List.of(new PoolEntry("e0", "n0", 5.0),
                new PoolEntry("x", "x", 0.001)));

        assertThat(pool.ranked()).extracting(PoolEntry::experimentId).containsExactly("e0", "e1");
    }

    @Test
    void filterKeepsCandidatesWithinTenPercentOfTheBaseline() {
        assertThat(CandidateFilter.admits(2.0, 1.85)).isTrue();
        assertThat(CandidateFilter.admits(2.0, 2.19)).isTrue();
        assertThat(CandidateFilter.admits(2.0, 1.7)).isFalse();
        assertThat(CandidateFilter.admits(2.0, 2.5)).isFalse();
        assertThat(CandidateFilter.admits(2.0, Double.NaN)).isFalse();
    }
}
