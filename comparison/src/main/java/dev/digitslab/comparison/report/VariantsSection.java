package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.integer;
import static dev.digitslab.comparison.report.NumberFormats.pValue;
import static dev.digitslab.comparison.report.NumberFormats.signedInterval;

import dev.digitslab.comparison.eval.PairedDifference;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A comparison of several variants of one network (regularisation): per implementation, what each variant does
 * to test accuracy and to the overfitting gap against the first spec (the baseline), paired by seed, with 95%
 * intervals and p-values; whether that reproduces the notebooks' claim; then the gap chart and how the
 * implementations compare across seeds.
 */
final class VariantsSection implements StudySection {
    /** The claim the regularisation study tests, in the seed notebooks' words. */
    static final String CLAIM = "regularisation significantly improves performance on test data, reducing overfitting";

    private final Implementations implementations;

    VariantsSection(Implementations implementations) {
        this.implementations = implementations;
    }

    @Override
    public String reading(StudyResults study) {
        List<SummaryRow> rows = SummaryRow.of(study);
        String baseline = GeneralisationGap.variantNames(study).get(0);
        Map<String, List<VariantEffects>> byImpl = new LinkedHashMap<>();
        VariantEffects.of(study).forEach(e -> byImpl.computeIfAbsent(e.implementation(), k -> new ArrayList<>()).add(e));
        StringBuilder text = new StringBuilder();
        text.append("Each variant against **").append(baseline).append("**, paired by seed (a seed fixes the split and ")
                .append("the batch order), as the change in test accuracy in points with its 95% confidence interval; ")
                .append("test: ").append(PairedDifference.TEST).append(". ");
        List<String> claims = new ArrayList<>();
        for (Map.Entry<String, List<VariantEffects>> e : byImpl.entrySet()) {
            List<VariantEffects> effects = e.getValue();
            int seeds = effects.stream().mapToInt(v -> v.accuracy().n()).max().orElse(0);
            text.append(ComparisonSection.capitalise(e.getKey())).append(" (").append(seeds == 1 ? "one seed"
                    : integer(seeds) + " seeds").append("): ");
            if (seeds < 2) {
                text.append("one seed cannot separate a regulariser's effect from seed-to-seed noise, so no variant "
                        + "is called better or worse. ");
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (VariantEffects v : effects) {
                String part = v.variant() + " " + signedInterval(v.accuracy().differences(), 100, 2) + " (p "
                        + pValue(v.accuracy().pValue()) + ")";
                parts.add(v.accuracy().significant() ? "**" + part + "**" : part);
            }
            text.append(String.join(", ", parts)).append(". ");
            List<String> better = names(effects, v -> v.accuracy().significant() && v.accuracy().mean() > 0);
            List<String> worse = names(effects, v -> v.accuracy().significant() && v.accuracy().mean() < 0);
            List<String> smallerGap = names(effects, v -> v.gap().significant() && v.gap().mean() < 0);
            text.append("Significantly better than ").append(baseline).append(": ")
                    .append(listed(better)).append("; significantly worse: ").append(listed(worse))
                    .append("; significantly less overfitting (a smaller validation − train loss gap): ")
                    .append(listed(smallerGap)).append(". ");
            List<String> confirm = names(effects, VariantEffects::confirmsClaim);
            claims.add(e.getKey() + (confirm.isEmpty() ? " for no variant" : " for " + String.join(", ", confirm)));
        }
        if (!claims.isEmpty()) {
            text.append("The notebooks' claim that \"").append(CLAIM).append("\" (better test accuracy **and** a ")
                    .append("smaller gap, both significant) holds ").append(String.join("; ", claims)).append(". ");
        }
        text.setLength(text.toString().stripTrailing().length());
        ComparisonSection.accuracyBar(study, rows, text);
        return text.toString().trim();
    }

    /** Variant names, or "no variant" (not "none": that is also the baseline's name). */
    private static String listed(List<String> variants) {
        return variants.isEmpty() ? "no variant" : String.join(", ", variants);
    }

    @Override
    public void addFindings(ReportDocument doc, WrittenStudy study, StudyFiles files) {
        effectsTable(doc, study.results());
        if (study.has(files.gap().png())) {
            doc.imageRow(List.of(StudySection.image(files, files.gap(), "validation minus train loss per variant")));
        }
        ComparisonSection.implementationsTable(doc, study.results(), implementations);
        ComparisonSection.pairsTable(doc, study.results(), implementations);
    }

    private static void effectsTable(ReportDocument doc, StudyResults study) {
        String baseline = GeneralisationGap.variantNames(study).get(0);
        Map<String, double[]> gaps = GeneralisationGap.byImplementation(study);
        List<String> names = GeneralisationGap.variantNames(study);
        List<List<String>> rows = new ArrayList<>();
        for (VariantEffects v : VariantEffects.of(study)) {
            double gap = gaps.get(v.implementation())[names.indexOf(v.variant())];
            rows.add(List.of(v.implementation(), v.variant(), integer(v.accuracy().n()),
                    signedInterval(v.accuracy().differences(), 100, 2), pValue(v.accuracy().pValue()),
                    fixed(gap, 3), signedInterval(v.gap().differences(), 1, 3), pValue(v.gap().pValue())));
        }
        doc.paragraph("Effect of each variant against " + baseline + " (variant minus " + baseline + ", paired by seed; "
                + "95% confidence interval in brackets; " + PairedDifference.TEST + "). The gap is validation minus "
                + "train loss after the last epoch: how much the network overfits.");
        doc.table(List.of("implementation", "variant", "seeds", "Δ test accuracy (points)", "p", "gap",
                "Δ gap", "p"), rows);
    }

    private static List<String> names(List<VariantEffects> effects, Predicate<VariantEffects> test) {
        return effects.stream().filter(test).map(VariantEffects::variant).toList();
    }
}
