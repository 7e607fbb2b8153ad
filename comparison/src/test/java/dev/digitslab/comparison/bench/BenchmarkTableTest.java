package dev.digitslab.comparison.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's arithmetic on hand-made measurements: medians over timed epochs and rounds, ratios, gaps. */
class BenchmarkTableTest {
    private static final BenchmarkTable TABLE = new BenchmarkTable(List.of("PyTorch", "NumPy"), "scratch", "framework");
    private static final Workload SMALL = Workload.builtIn().get(0);
    private static final Workload L2 = Workload.builtIn().stream().filter(Workload::hasL2).findFirst().orElseThrow();

    private static Measurement ok(int round, Workload w, String who, Double... seconds) {
        return new Measurement(round, w.name(), who, List.of(seconds), 0.97, 300.0, null);
    }

    @Test
    void theMedianIsOverTheTimedEpochsOfEveryRoundWithEpochOneLeftOut() {
        List<Measurement> m = List.of(ok(1, SMALL, "scratch", 9.0, 1.0, 2.0, 3.0), ok(2, SMALL, "scratch", 9.0, 4.0, 5.0, 6.0));
        assertEquals(3.5, BenchmarkTable.median(m, SMALL.name(), "scratch").getAsDouble(), 1e-12);
        // A single epoch is all there is to time.
        assertEquals(7.0, BenchmarkTable.median(List.of(ok(1, SMALL, "scratch", 7.0)), SMALL.name(), "scratch")
                .getAsDouble(), 1e-12);
    }

    @Test
    void ratiosAreTheCandidateOverTheFastestPeerAndTheReferenceOverPyTorch() {
        List<Measurement> m = List.of(ok(1, SMALL, "PyTorch", 0.0, 2.0), ok(1, SMALL, "NumPy", 0.0, 1.6),
                ok(1, SMALL, "scratch", 0.0, 1.2), ok(1, SMALL, "framework", 0.0, 7.0));
        assertEquals(0.75, TABLE.candidateOverFastestPeer(m, SMALL.name()).getAsDouble(), 1e-12);
        assertEquals(3.5, TABLE.referenceOverFirstPeer(m, SMALL.name()).getAsDouble(), 1e-12);
        String md = TABLE.medians(List.of(SMALL), m);
        assertTrue(md.startsWith("| workload | PyTorch | NumPy | scratch | framework | scratch ÷ fastest peer | "
                + "framework ÷ PyTorch |\n"), md);
        assertTrue(md.contains("| " + SMALL.title() + " | 2.00 | 1.60 | **1.20** | 7.00 | 0.75× | 3.50× |"), md);
    }

    @Test
    void withTwoRoundsOrMoreEachRatioShowsTheLowestAndHighestOfTheRoundsOwnRatios() {
        List<Measurement> m = List.of(
                ok(1, SMALL, "PyTorch", 0.0, 2.0), ok(1, SMALL, "NumPy", 0.0, 1.6),
                ok(1, SMALL, "scratch", 0.0, 1.2), ok(1, SMALL, "framework", 0.0, 7.0),
                ok(2, SMALL, "PyTorch", 0.0, 2.0), ok(2, SMALL, "NumPy", 0.0, 2.0),
                ok(2, SMALL, "scratch", 0.0, 1.0), ok(2, SMALL, "framework", 0.0, 5.0));
        // NumPy is the fastest peer over both rounds (median 1.8); within the rounds scratch ran at 0.75 and 0.5 of it.
        assertSpread(0.5, 0.75, 2, TABLE.candidateOverFastestPeerByRound(m, SMALL.name()).orElseThrow());
        assertSpread(2.5, 3.5, 2, TABLE.referenceOverFirstPeerByRound(m, SMALL.name()).orElseThrow());
        String md = TABLE.medians(List.of(SMALL), m);
        assertTrue(md.contains("| 0.61× (rounds 0.50–0.75×) | 3.00× (rounds 2.50–3.50×) |"), md);

        // A round where one side failed has no ratio of its own; one round left is no spread.
        Measurement failed = new Measurement(2, SMALL.name(), "framework", List.of(), null, null, "exit code 3");
        List<Measurement> oneRoundEach = List.of(m.get(0), m.get(3), m.get(4), failed);
        assertTrue(TABLE.referenceOverFirstPeerByRound(oneRoundEach, SMALL.name()).isEmpty());
    }

    private static void assertSpread(double low, double high, int rounds, BenchmarkTable.Spread spread) {
        assertEquals(low, spread.low(), 1e-12);
        assertEquals(high, spread.high(), 1e-12);
        assertEquals(rounds, spread.rounds());
    }

    @Test
    void aMissingPeerReadsDashAndLeavesTheRatiosToTheOthers() {
        BenchmarkTable noPeers = new BenchmarkTable(List.of(), "scratch", "framework");
        List<Measurement> m = List.of(ok(1, SMALL, "scratch", 0.0, 1.2), ok(1, SMALL, "framework", 0.0, 7.0));
        String md = noPeers.medians(List.of(SMALL), m);
        assertTrue(md.contains("| " + SMALL.title() + " | **1.20** | 7.00 | – |"), md);
        assertFalse(md.contains("PyTorch"), md);

        List<Measurement> onlyNumpy = List.of(ok(1, SMALL, "NumPy", 0.0, 2.4), ok(1, SMALL, "scratch", 0.0, 1.2),
                ok(1, SMALL, "framework", 0.0, 7.0));
        assertEquals(0.5, TABLE.candidateOverFastestPeer(onlyNumpy, SMALL.name()).getAsDouble(), 1e-12);
        assertTrue(TABLE.referenceOverFirstPeer(onlyNumpy, SMALL.name()).isEmpty());
        assertTrue(TABLE.medians(List.of(SMALL), onlyNumpy).contains("| – | 2.40 | **1.20** | 7.00 | 0.50× | – |"));
    }

    @Test
    void aContestantWhoseRoundsAllFailedReadsFailedAndOneGoodRoundStillCounts() {
        Measurement failed = new Measurement(1, SMALL.name(), "framework", List.of(), null, null, "exit code 3: boom");
        List<Measurement> m = List.of(ok(1, SMALL, "scratch", 0.0, 1.0), failed);
        assertTrue(TABLE.medians(List.of(SMALL), m).contains("| – | – | 1.00 | failed | – | – |"),
                TABLE.medians(List.of(SMALL), m));
        List<Measurement> oneGood = List.of(failed, ok(2, SMALL, "framework", 0.0, 5.0));
        assertEquals(5.0, BenchmarkTable.median(oneGood, SMALL.name(), "framework").getAsDouble(), 1e-12);
    }

    @Test
    void theL2TableShowsEachEpochsMedianOverTheRoundsAndTheLastOverEpochTwo() {
        List<Measurement> m = List.of(ok(1, L2, "scratch", 3.0, 1.0, 1.5, 2.0), ok(2, L2, "scratch", 5.0, 1.0, 2.5, 2.0));
        String md = TABLE.epochs(L2, m);
        assertTrue(md.contains("| scratch | 4.00 | 1.00 | 2.00 | 2.00 | 2.00× |"), md);
        assertFalse(md.contains("PyTorch"), md); // contestants without a measurement have no row
    }

    @Test
    void peakMemoryIsTheLargestOfTheRoundsAndUnknownReadsDash() {
        List<Measurement> m = List.of(new Measurement(1, SMALL.name(), "scratch", List.of(1.0), null, 380.4, null),
                new Measurement(2, SMALL.name(), "scratch", List.of(1.0), null, 395.6, null),
                new Measurement(1, SMALL.name(), "framework", List.of(1.0), null, null, null));
        assertTrue(TABLE.peakMemory(List.of(SMALL), m).contains("| " + SMALL.name() + " | – | – | 396 | – |"));
    }
}
