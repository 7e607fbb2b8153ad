package dev.digitslab.api.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks that a spec describes a network both implementations can train, collecting every problem
 * rather than stopping at the first. Each problem names the field, what was expected and what was found.
 */
public final class SpecValidator {
    /**
     * The largest batch: no data set a spec can name has a larger training set (MNIST and Fashion-MNIST have
     * 60,000 training images). The exact training split, after validation and subset, is checked when the data
     * is loaded.
     */
    public static final int MAX_BATCH_SIZE = 60_000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.@=+-]*");

    private SpecValidator() {
    }

    /** Throws {@link InvalidSpecException} listing every problem, or returns the spec unchanged. */
    public static ExperimentSpec validate(ExperimentSpec spec, String source) {
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(source, problems);
        }
        return spec;
    }

    public static List<String> problems(ExperimentSpec spec) {
        List<String> p = new ArrayList<>();
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            p.add("name: expected lower-case letters, digits and dashes, found " + quote(spec.name()));
        }
        checkData(spec.data(), p);
        checkNetwork(spec, p);
        checkOptimizer(spec.optimizer(), p);
        if (!(spec.l2() >= 0) || Double.isInfinite(spec.l2())) {
            p.add("l2: expected a finite number >= 0, found " + spec.l2());
        }
        if (spec.batchSize() <= 0) {
            p.add("batchSize: expected a positive integer, found " + spec.batchSize());
        } else if (spec.batchSize() > MAX_BATCH_SIZE) {
            p.add("batchSize: expected at most " + MAX_BATCH_SIZE + " (the largest training set a spec can name), "
                    + "found " + spec.batchSize());
        }
        if (spec.epochs() <= 0) {
            p.add("epochs: expected a positive integer, found " + spec.epochs());
        }
        for (int i = 0; i < spec.seeds().size(); i++) {
            if (spec.seeds().get(i) == null) {
                p.add("seeds[" + i + "]: expected an integer, found null");
            }
        }
        return p;
    }

    private static void checkData(DataSpec data, List<String> p) {
        if (data == null) {
            p.add("data: missing (expected dataset, task, validationFraction)");
            return;
        }
        if (data.dataset().isBlank()) {
            p.add("data.dataset: expected a data set name such as 'mnist', found an empty string");
        }
        double f = data.validationFraction();
        if (!(f > 0 && f < 1)) {
            p.add("data.validationFraction: expected a number in (0, 1), found " + f);
        }
        if (data.subset() != null && data.subset() < 20) {
            p.add("data.subset: expected at least 20 images (2 per class), found " + data.subset());
        }
        TaskSpec task = data.task();
        if (task == null) {
            p.add("data.task: missing (expected kind multiclass, digit-vs-rest or digit-vs-digit)");
        } else if (task instanceof TaskSpec.DigitVsRest t) {
            checkDigit("data.task.digit", t.digit(), p);
        } else if (task instanceof TaskSpec.DigitVsDigit t) {
            checkDigit("data.task.negative", t.negative(), p);
            checkDigit("data.task.positive", t.positive(), p);
            if (t.negative() == t.positive()) {
                p.add("data.task: expected two different digits, found " + t.negative() + " twice");
            }
        }
    }

    private static void checkDigit(String field, int digit, List<String> p) {
        if (digit < 0 || digit > 9) {
            p.add(field + ": expected a digit 0-9, found " + digit);
        }
    }

    private static void checkNetwork(ExperimentSpec spec, List<String> p) {
        List<LayerSpec> layers = spec.network();
        if (layers.isEmpty()) {
            p.add("network: expected at least one layer (the output dense layer), found none");
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            String at = "network[" + i + "]";
            LayerSpec layer = layers.get(i);
            boolean last = i == layers.size() - 1;
            if (layer == null) {
                p.add(at + ": expected a layer, found null");
            } else if (layer instanceof LayerSpec.Dense d) {
                if (d.units() <= 0) {
                    p.add(at + ".units: expected a positive integer, found " + d.units());
                }
                if (!last && d.activation() == Activation.SOFTMAX) {
                    p.add(at + ".activation: softmax is only allowed on the output layer");
                }
            } else if (layer instanceof LayerSpec.ActivationLayer a) {
                if (a.function() == null) {
                    p.add(at + ".function: missing (expected identity, relu, sigmoid or tanh)");
                } else if (a.function() == Activation.SOFTMAX) {
                    p.add(at + ".function: softmax is only allowed on the output dense layer");
                }
            } else if (layer instanceof LayerSpec.Dropout d) {
                if (!(d.rate() >= 0 && d.rate() < 1)) {
                    p.add(at + ".rate: expected a drop probability in [0, 1), found " + d.rate());
                }
            } else if (layer instanceof LayerSpec.BatchNorm b) {
                checkFraction(at + ".decay", b.decay(), p);
                checkPositive(at + ".epsilon", b.epsilon(), p);
            }
        }
        LayerSpec last = layers.get(layers.size() - 1);
        String at = "network[" + (layers.size() - 1) + "]";
        TaskSpec task = spec.data() == null ? null : spec.data().task();
        if (!(last instanceof LayerSpec.Dense out)) {
            p.add(at + ": expected the output layer to be dense, found " + (last == null ? "null" : last.type()));
            return;
        }
        if (task != null && out.units() != task.outputs()) {
            p.add(at + ".units: the task " + task.describe() + " needs " + task.outputs()
                    + " output unit(s), found " + out.units());
        }
        LossKind loss = spec.loss();
        if (loss == null) {
            p.add("loss: missing (expected binary-cross-entropy or categorical-cross-entropy)");
            return;
        }
        Activation wanted = loss == LossKind.BINARY_CROSS_ENTROPY ? Activation.SIGMOID : Activation.SOFTMAX;
        if (out.activation() != wanted) {
            p.add(at + ".activation: loss " + loss.id() + " needs a " + wanted.id() + " output, found "
                    + out.activation().id());
        }
        if (task != null) {
            LossKind taskLoss = task.binary() ? LossKind.BINARY_CROSS_ENTROPY : LossKind.CATEGORICAL_CROSS_ENTROPY;
            if (loss != taskLoss) {
                p.add("loss: the task " + task.describe() + " needs " + taskLoss.id() + ", found " + loss.id());
            }
        }
    }

    private static void checkOptimizer(OptimizerSpec o, List<String> p) {
        if (o == null) {
            p.add("optimizer: missing (expected kind sgd, momentum or adam with a learningRate)");
            return;
        }
        checkPositive("optimizer.learningRate", o.learningRate(), p);
        if (o instanceof OptimizerSpec.Momentum m) {
            checkFraction("optimizer.momentum", m.momentum(), p);
        } else if (o instanceof OptimizerSpec.Adam a) {
            checkFraction("optimizer.beta1", a.beta1(), p);
            checkFraction("optimizer.beta2", a.beta2(), p);
            checkPositive("optimizer.epsilon", a.epsilon(), p);
        }
    }

    private static void checkPositive(String field, double value, List<String> p) {
        if (!(value > 0) || Double.isInfinite(value)) {
            p.add(field + ": expected a finite number > 0, found " + value);
        }
    }

    private static void checkFraction(String field, double value, List<String> p) {
        if (!(value >= 0 && value < 1)) {
            p.add(field + ": expected a number in [0, 1), found " + value);
        }
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
