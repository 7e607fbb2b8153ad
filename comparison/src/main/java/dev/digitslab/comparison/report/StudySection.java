package dev.digitslab.comparison.report;

import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;

/**
 * What one kind of study adds to its section of the report: the reading of its result, written from its numbers,
 * and its own tables and charts, shown after the learning curves and confusion matrices every study has.
 */
interface StudySection {

    /** The one-paragraph reading of the study's result. */
    String reading(StudyResults study);

    /** This kind's tables and charts; {@code files} links the study's files, {@code study} says which exist. */
    void addFindings(ReportDocument doc, WrittenStudy study, StudyFiles files);

    static StudySection of(StudyResults study, Implementations implementations) {
        return switch (study.kind()) {
            case COMPARISON -> !study.sweep().isEmpty() ? new SweepSection()
                    : GeneralisationGap.comparesVariants(study) ? new VariantsSection(implementations)
                    : new ComparisonSection(implementations);
            case WEIGHT_TRANSFER -> new TransferSection();
            case LOCKSTEP -> new LockstepSection(implementations);
        };
    }

    /** A chart as the pages show it: the PNG, linking to the SVG. */
    static ReportDocument.Image image(StudyFiles files, StudyFiles.Chart chart, String alt) {
        return new ReportDocument.Image(files.link(chart.png()), alt, files.link(chart.svg()));
    }
}
