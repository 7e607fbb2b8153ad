package dev.digitslab.comparison.bench;

import dev.digitslab.api.stats.Median;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The benchmark's tables in Markdown, from its measurements: median seconds per epoch for each workload and
 * contestant over the timed epochs of every round ({@link Measurement#timedEpochs}), the fastest in bold, and two
 * ratios: the candidate (the scratch network) over the fastest peer, the reference (Deeplearning4j) over the first
 * peer (PyTorch), each followed, when two or more rounds have both numbers, by the lowest and highest of the rounds'
 * own ratios (each round's two medians over its timed epochs): how far one round can move the headline. A contestant
 * with no measurement of a workload reads "–", one whose every round failed "failed"; a ratio needs both of its
 * numbers. Then, for workloads with L2, each epoch's median over the rounds (the issue
 * saw epochs grow slower under L2), and each child's peak memory.
 *
 * @param peers     the peers' columns, PyTorch first
 * @param candidate the candidate implementation's column
 * @param reference the reference implementation's column
 */
public record BenchmarkTable(List<String> peers, String candidate, String reference) {
    static final String MISSING = "–";
    static final String FAILED = "failed";

    public BenchmarkTable {
        peers = List.copyOf(peers);
    }

    /** Every column, peers first, as the table has them. */
    public List<String> contestants() {
        List<String> all = new ArrayList<>(peers);
        all.add(candidate);
        all.add(reference);
        return all;
    }

    /** Median s/epoch of a contestant on a workload, over the timed epochs of its successful rounds. */
    public static OptionalDouble median(List<Measurement> measurements, String workload, String contestant) {
        double[] seconds = of(measurements, workload, contestant).stream().filter(Measurement::ok)
                .flatMap(m -> m.timedEpochs().stream()).mapToDouble(Double::doubleValue).toArray();
        return seconds.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Median.of(seconds));
    }

    /** The candidate's median over the fastest peer's, where both are known. */
    public OptionalDouble candidateOverFastestPeer(List<Measurement> measurements, String workload) {
        return fastestPeer(measurements, workload).map(p -> ratio(median(measurements, workload, candidate),
                median(measurements, workload, p))).orElse(OptionalDouble.empty());
    }

    /** The peer with the lowest median on the workload, if any peer has one. */
    private Optional<String> fastestPeer(List<Measurement> measurements, String workload) {
        return peers.stream().filter(p -> median(measurements, workload, p).isPresent())
                .min(Comparator.comparingDouble(p -> median(measurements, workload, p).getAsDouble()));
    }

    /** The reference's median over the first peer's (PyTorch), where both are known. */
    public OptionalDouble referenceOverFirstPeer(List<Measurement> measurements, String workload) {
        return peers.isEmpty() ? OptionalDouble.empty()
                : ratio(median(measurements, workload, reference), median(measurements, workload, peers.get(0)));
    }

    /** The candidate's ratio to the fastest peer (by the median of all rounds) within each round, lowest and highest. */
    public Optional<Spread> candidateOverFastestPeerByRound(List<Measurement> measurements, String workload) {
        return fastestPeer(measurements, workload).flatMap(p -> spreadByRound(measurements, workload, candidate, p));
    }

    /** The reference's ratio to the first peer (PyTorch) within each round, lowest and highest. */
    public Optional<Spread> referenceOverFirstPeerByRound(List<Measurement> measurements, String workload) {
        return peers.isEmpty() ? Optional.empty() : spreadByRound(measurements, workload, reference, peers.get(0));
    }

    /**
     * The lowest and highest of a ratio taken within each round.
     *
     * @param low    the lowest round's ratio
     * @param high   the highest round's ratio
     * @param rounds how many rounds had both numbers
     */
    public record Spread(double low, double high, int rounds) {
    }

    /** Numerator over denominator within each round where both succeeded; empty unless two rounds or more did. */
    private static Optional<Spread> spreadByRound(List<Measurement> measurements, String workload, String numerator,
                                                  String denominator) {
        double[] ratios = measurements.stream().mapToInt(Measurement::round).distinct().sorted()
                .mapToObj(r -> ratio(roundMedian(measurements, workload, numerator, r),
                        roundMedian(measurements, workload, denominator, r)))
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).toArray();
        if (ratios.length < 2) {
            return Optional.empty();
        }
        Arrays.sort(ratios);
        return Optional.of(new Spread(ratios[0], ratios[ratios.length - 1], ratios.length));
    }

    private static OptionalDouble roundMedian(List<Measurement> measurements, String workload, String contestant,
                                              int round) {
        return median(of(measurements, workload, contestant).stream().filter(m -> m.round() == round).toList(),
                workload, contestant);
    }

    /** The main table: one row per workload (name, title). */
    public String medians(List<Workload> workloads, List<Measurement> measurements) {
        List<String> header = new ArrayList<>(List.of("workload"));
        header.addAll(contestants());
        header.add(candidate + " ÷ fastest peer");
        if (!peers.isEmpty()) {
            header.add(reference + " ÷ " + peers.get(0));
        }
        StringBuilder md = new StringBuilder();
        row(md, header);
        row(md, header.stream().map(h -> "---").toList());
        for (Workload w : workloads) {
            List<String> cells = new ArrayList<>(List.of(w.title()));
            OptionalDouble fastest = contestants().stream().map(c -> median(measurements, w.name(), c))
                    .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).min();
            for (String c : contestants()) {
                OptionalDouble m = median(measurements, w.name(), c);
                String cell = m.isPresent() ? seconds(m.getAsDouble()) : missingOrFailed(measurements, w.name(), c);
                boolean best = m.isPresent() && m.getAsDouble() == fastest.getAsDouble()
                        && contestants().stream().filter(x -> median(measurements, w.name(), x).isPresent()).count() > 1;
                cells.add(best ? "**" + cell + "**" : cell);
            }
            cells.add(times(candidateOverFastestPeer(measurements, w.name()))
                    + spread(candidateOverFastestPeerByRound(measurements, w.name())));
            if (!peers.isEmpty()) {
                cells.add(times(referenceOverFirstPeer(measurements, w.name()))
                        + spread(referenceOverFirstPeerByRound(measurements, w.name())));
            }
            row(md, cells);
        }
        return md.toString();
    }

    /**
     * Each epoch's median over the rounds, per contestant, and the last epoch over the first timed one: whether
     * epochs grow slower as training goes on.
     */
    public String epochs(Workload workload, List<Measurement> measurements) {
        int epochs = measurements.stream().filter(m -> m.workload().equals(workload.name()))
                .mapToInt(m -> m.epochSeconds().size()).max().orElse(0);
        List<String> header = new ArrayList<>(List.of(workload.name()));
        for (int e = 1; e <= epochs; e++) {
            header.add("epoch " + e);
        }
        header.add("last ÷ epoch 2");
        StringBuilder md = new StringBuilder();
        row(md, header);
        row(md, header.stream().map(h -> "---").toList());
        for (String c : contestants()) {
            List<Measurement> ok = of(measurements, workload.name(), c).stream().filter(Measurement::ok).toList();
            if (ok.isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(c));
            double[] perEpoch = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int epoch = e;
                double[] values = ok.stream().filter(m -> m.epochSeconds().size() > epoch)
                        .mapToDouble(m -> m.epochSeconds().get(epoch)).toArray();
                perEpoch[e] = Median.of(values);
                cells.add(values.length == 0 ? MISSING : seconds(perEpoch[e]));
            }
            cells.add(epochs >= 3 ? times(ratio(OptionalDouble.of(perEpoch[epochs - 1]), OptionalDouble.of(perEpoch[1])))
                    : MISSING);
            row(md, cells);
        }
        return md.toString();
    }

    /** The largest peak resident memory (MiB) of each contestant's children per workload; "–" where unknown. */
    public String peakMemory(List<Workload> workloads, List<Measurement> measurements) {
        List<String> header = new ArrayList<>(List.of("peak RSS (MiB)"));
        header.addAll(contestants());
        StringBuilder md = new StringBuilder();
        row(md, header);
        row(md, header.stream().map(h -> "---").toList());
        for (Workload w : workloads) {
            List<String> cells = new ArrayList<>(List.of(w.name()));
            for (String c : contestants()) {
                OptionalDouble peak = of(measurements, w.name(), c).stream().filter(m -> m.peakRssMib() != null)
                        .mapToDouble(Measurement::peakRssMib).max();
                cells.add(peak.isPresent() ? String.format(Locale.ROOT, "%.0f", peak.getAsDouble()) : MISSING);
            }
            row(md, cells);
        }
        return md.toString();
    }

    private static List<Measurement> of(List<Measurement> measurements, String workload, String contestant) {
        return measurements.stream().filter(m -> m.workload().equals(workload) && m.contestant().equals(contestant))
                .toList();
    }

    private static String missingOrFailed(List<Measurement> measurements, String workload, String contestant) {
        return of(measurements, workload, contestant).isEmpty() ? MISSING : FAILED;
    }

    private static OptionalDouble ratio(OptionalDouble numerator, OptionalDouble denominator) {
        return numerator.isPresent() && denominator.isPresent() && denominator.getAsDouble() > 0
                ? OptionalDouble.of(numerator.getAsDouble() / denominator.getAsDouble()) : OptionalDouble.empty();
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, value < 0.1 ? "%.3f" : "%.2f", value);
    }

    private static String times(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.2f×", ratio.getAsDouble()) : MISSING;
    }

    /** " (rounds 0.55–0.71×)" after a ratio, or nothing without a spread. */
    private static String spread(Optional<Spread> spread) {
        return spread.map(s -> String.format(Locale.ROOT, " (rounds %.2f–%.2f×)", s.low(), s.high())).orElse("");
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append(cells.stream().collect(Collectors.joining(" | ", "| ", " |"))).append('\n');
    }
}
