package dev.digitslab.comparison.report;

import dev.digitslab.api.spec.ExperimentSpec;
import java.nio.file.Path;

/**
 * The files of one study's folder, by what they hold: the one place that knows their names. The writer writes
 * them, the folder reads results.json back, the sections link to them.
 *
 * @param dir the study's folder (or the staging folder it is written in before it moves into place)
 */
public record StudyFiles(Path dir) {

    /** The folder of {@code study} in the report folder {@code reportDir}. */
    public static StudyFiles of(Path reportDir, String study) {
        return new StudyFiles(reportDir.resolve(study));
    }

    public Path results() {
        return dir.resolve("results.json");
    }

    public Path history() {
        return dir.resolve("history.csv");
    }

    public Path spec(ExperimentSpec spec) {
        return dir.resolve("spec-" + spec.name() + ".yaml");
    }

    public Chart lossCurves(ExperimentSpec spec) {
        return chart("loss-" + spec.name());
    }

    public Chart accuracyCurves(ExperimentSpec spec) {
        return chart("accuracy-" + spec.name());
    }

    public Path confusion(ExperimentSpec spec, String implementation) {
        return dir.resolve("confusion-" + spec.name() + "-" + implementation + ".png");
    }

    /** The grid of the most confident mistakes. */
    public Path mistakes(ExperimentSpec spec, String implementation) {
        return dir.resolve("misclassified-" + spec.name() + "-" + implementation + ".png");
    }

    /** Validation minus train loss per variant (a study of several variants). */
    public Chart gap() {
        return chart("gap");
    }

    /** Test accuracy against the swept values (a sweep). */
    public Chart sweep() {
        return chart("sweep");
    }

    public Chart lockstepDistance() {
        return chart("lockstep-distance");
    }

    public Chart lockstepLoss() {
        return chart("lockstep-loss");
    }

    /** How the pages link a file of this folder: from the report folder, "<study>/<file>". */
    public String link(Path file) {
        return dir.getFileName() + "/" + file.getFileName();
    }

    private Chart chart(String name) {
        return new Chart(dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
    }

    /** A chart saved twice: as PNG to show, as SVG to zoom into. */
    public record Chart(Path png, Path svg) {
    }
}
