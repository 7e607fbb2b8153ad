package dev.digitslab.comparison.eval;

import dev.digitslab.api.train.Scores;
import java.util.ArrayList;
import java.util.List;

/**
 * The one evaluator both implementations are judged by. It only sees output probabilities and labels,
 * never a model, so neither implementation can be scored differently from the other.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * @param probabilities (count, outputs): one column P(label 1) for binary tasks, else one per class
     * @param outputs       1 for binary tasks, else the class count
     * @param labels        (count) true class indices
     */
    public static Evaluation evaluate(float[] probabilities, int outputs, int[] labels) {
        int classes = outputs == 1 ? 2 : outputs;
        int[] predicted = Scores.predictedClasses(probabilities, outputs);
        ConfusionMatrix confusion = ConfusionMatrix.of(classes, labels, predicted);
        List<ClassMetrics> perClass = new ArrayList<>(classes);
        double recallSum = 0;
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            ClassMetrics m = ClassMetrics.of(confusion, c);
            perClass.add(m);
            f1Sum += m.f1();
            if (m.support() > 0) {
                recallSum += m.recall();
                present++;
            }
        }
        double auc = outputs == 1 ? RocAuc.of(probabilities, labels) : Double.NaN;
        return new Evaluation(labels.length, Scores.accuracy(probabilities, outputs, labels),
                present == 0 ? Double.NaN : recallSum / present, Scores.loss(probabilities, outputs, labels), auc,
                perClass, confusion, f1Sum / classes);
    }
}
