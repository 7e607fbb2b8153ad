package dev.digitslab.comparison.cli;

import dev.digitslab.api.train.Trainer;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.compare.AccuracyChange;
import dev.digitslab.comparison.compare.ResultsComparison;
import dev.digitslab.comparison.report.ReportFolder;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Two sets of saved results side by side: per experiment and implementation the change in test "
                + "accuracy with its 95%% interval and p-value across seeds (paired by seed when both ran the same "
                + "seeds, else Welch's t-test), then what differs in their specs and environments. Trains nothing."},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab compare reports other-machine/reports",
                "  digits-lab compare reports/multiclass/results.json my-reports/multiclass/results.json",
                "%nExit codes: 0 compared, 2 bad input (a folder without results, a damaged results.json)."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "A report folder (with <study>/results.json) or one results.json.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "The other one; changes are B minus A.")
    Path second;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Implementations implementations = Implementations.discover();
        List<StudyResults> a = read(first, implementations);
        List<StudyResults> b = read(second, implementations);
        ResultsComparison comparison = ResultsComparison.of(a, b);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("A: %s (%s)%nB: %s (%s)%n%n", first, describe(a), second, describe(b));
        printChanges(comparison.changes(), out);
        list(out, "Only in A", comparison.onlyFirst());
        list(out, "Only in B", comparison.onlySecond());
        list(out, "Spec fields that differ (A → B)", comparison.specChanges());
        list(out, "Environment that differs (A → B)", comparison.environment().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().get(0) + " → " + e.getValue().get(1)).toList());
        out.flush();
        return 0;
    }

    private List<StudyResults> read(Path path, Implementations implementations) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(ResultsFile.read(path, implementations.both().stream().map(Trainer::id)
                    .collect(Collectors.toSet())));
        }
        if (!Files.isDirectory(path)) {
            throw new CommandLine.ParameterException(spec.commandLine(), path + ": no such report folder or results "
                    + "file");
        }
        List<StudyResults> studies = new ReportFolder(path, implementations).readAll(Catalogue.builtIn().studyNames());
        if (studies.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), path + ": no <study>/results.json in this "
                    + "folder");
        }
        return studies;
    }

    private static String describe(List<StudyResults> studies) {
        return studies.size() + (studies.size() == 1 ? " study" : " studies") + ", run "
                + studies.stream().map(StudyResults::createdAt).sorted().findFirst().orElse("?").replaceAll("T.*", "");
    }

    private static void printChanges(List<AccuracyChange> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            out.println("Nothing ran in both.");
            return;
        }
        int name = Math.max(10, changes.stream().mapToInt(c -> c.experiment().length()).max().orElse(10));
        String row = "%-" + name + "s %-9s %-16s %-16s %-24s %-7s %s%n";
        out.printf(Locale.ROOT, row, "experiment", "impl", "A test accuracy", "B test accuracy", "B − A, points [95% CI]",
                "p", "test");
        for (AccuracyChange c : changes) {
            String diff = String.format(Locale.ROOT, "%+.2f", 100 * c.change())
                    + (Double.isNaN(c.low()) ? "" : String.format(Locale.ROOT, " [%+.2f, %+.2f]", 100 * c.low(),
                    100 * c.high()));
            String p = Double.isNaN(c.pValue()) ? "—" : c.pValue() < 0.001 ? "<0.001"
                    : String.format(Locale.ROOT, "%.3f", c.pValue());
            out.printf(Locale.ROOT, row, c.experiment(), c.implementation(), accuracy(c.first().mean(), c.first().n()),
                    accuracy(c.second().mean(), c.second().n()), diff, p + (c.significant() ? " *" : ""), c.test());
        }
        out.println("(n) = seeds; * = significant at 5%; no p with one seed on a side.");
    }

    private static String accuracy(double mean, int seeds) {
        return String.format(Locale.ROOT, "%.2f%% (%d)", 100 * mean, seeds);
    }

    private static void list(PrintWriter out, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.printf("%n%s:%n", heading);
        lines.forEach(l -> out.println("  " + l));
    }

}
