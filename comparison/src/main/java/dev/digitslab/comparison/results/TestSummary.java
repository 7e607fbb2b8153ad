package dev.digitslab.comparison.results;

import dev.digitslab.comparison.eval.ClassMetrics;
import dev.digitslab.comparison.eval.Evaluation;
import java.io.Serializable;
import java.util.List;

/**
 * A run's test-set evaluation as saved in results.json. Undefined values (ROC AUC of a multiclass task)
 * are null, since JSON has no NaN.
 */
public record TestSummary(int count, double accuracy, double balancedAccuracy, double loss, Double rocAuc,
                          double macroF1, List<ClassMetrics> perClass, long[][] confusion) implements Serializable {

    public static TestSummary of(Evaluation e) {
        return new TestSummary(e.count(), e.accuracy(), e.balancedAccuracy(), e.loss(),
                Double.isNaN(e.rocAuc()) ? null : e.rocAuc(), e.macroF1(), e.perClass(), e.confusion().rows());
    }
}
