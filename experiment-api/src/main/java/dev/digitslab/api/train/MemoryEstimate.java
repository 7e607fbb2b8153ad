package dev.digitslab.api.train;

import dev.digitslab.api.params.ParameterLayout;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The memory training a spec's network holds at once, estimated from the spec alone before anything is allocated,
 * so that {@link Trainer#requireFits} refuses a network that cannot fit instead of failing in the middle of a run.
 * One formula, used by each implementation with its own {@link Footprint}: for each layer i of the spec's network,
 * in float32 values,
 * <pre>
 *   values_i = P_i · parameterCopies  +  T_i · s · (optimiserState ? 1 : 0)  +  rows · w_i · activationCopies
 *   bytes    = 4 · Σ values_i
 * </pre>
 * where P_i is the layer's parameter count in the {@link ParameterLayout}, T_i its trainable part, s the optimiser's
 * state per trainable parameter (sgd 0, momentum 1 velocity, adam 2 moments) and w_i the layer's output width (for
 * layer 0 plus the input width: the batch's input rows). Counts are longs that saturate at {@code Long.MAX_VALUE}
 * instead of wrapping.
 *
 * @param spec    the spec's name, for messages
 * @param counted what the bytes count, e.g. "parameters ×3, adam state ×2, activations of 256 rows ×4"
 * @param parts   one per layer of the spec's network, in order
 */
public record MemoryEstimate(String spec, String counted, List<Part> parts) {
    /**
     * The longest array every JVM allocates (a few words below {@code Integer.MAX_VALUE}). Both implementations hold
     * parameters in int-indexed arrays (the shared layout is float[]), and the scratch network its activations too.
     */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    public MemoryEstimate {
        parts = List.copyOf(parts);
    }

    /**
     * One layer of the network and the bytes it accounts for.
     *
     * @param layer e.g. "dense layer 0 (784 × 128)", "dropout layer 1 (128 wide)"
     */
    public record Part(String layer, long bytes) {
    }

    /**
     * How an implementation holds a network, in multiples of the spec's sizes.
     *
     * @param parameterCopies    float copies of every parameter held at once: values, gradients, exported or saved
     *                           copies
     * @param optimiserState     whether this memory also holds the optimiser's state
     * @param activationCopies   float arrays of (rows, width) held per layer output: outputs, gradients, masks, …
     * @param rows               the rows those arrays are allocated for: the batch size, or a larger inference chunk
     * @param activationsInArrays whether those arrays are Java arrays, so that each must fit
     *                           {@link #MAX_ARRAY_LENGTH} (the scratch network's), or native memory indexed with
     *                           long (ND4J's)
     */
    public record Footprint(int parameterCopies, boolean optimiserState, int activationCopies, int rows,
                            boolean activationsInArrays) {
        public Footprint {
            if (parameterCopies < 0 || activationCopies < 0 || rows < 0) {
                throw new IllegalArgumentException("negative footprint: " + parameterCopies + ", "
                        + activationCopies + ", " + rows);
            }
        }

        /** Parameters only, in Java arrays: e.g. the copies an implementation keeps on the heap. */
        public static Footprint parameters(int copies) {
            return new Footprint(copies, false, 0, 0, true);
        }
    }

    /**
     * The estimate for {@code spec}'s network on inputs of width {@code inputs}.
     *
     * @throws ResourceLimitException if an array (a parameter array, or one layer's activations for
     *                                {@code footprint.rows()} rows when they are Java arrays) would be longer than an
     *                                int-indexed array can be
     */
    public static MemoryEstimate of(ExperimentSpec spec, int inputs, Footprint footprint) {
        if (inputs <= 0) {
            throw new IllegalArgumentException("inputs must be positive, found " + inputs);
        }
        ParameterLayout layout = ParameterLayout.of(spec, inputs);
        int stateCopies = footprint.optimiserState() ? stateCopies(spec.optimizer()) : 0;
        List<Part> parts = new ArrayList<>();
        int next = 0; // the next parametrised layer of the layout
        long inputWidth = inputs;
        long width = inputs;
        for (int i = 0; i < spec.network().size(); i++) {
            LayerSpec layer = spec.network().get(i);
            ParameterLayout.Layer parametrised = null;
            if (next < layout.layers().size() && layout.layers().get(next).layerIndex() == i) {
                parametrised = layout.layers().get(next++);
            }
            if (layer instanceof LayerSpec.Dense d) {
                width = d.units();
            }
            String name = describe(layer, i, inputWidth, width);
            long values = 0;
            if (parametrised != null) {
                for (ParameterLayout.ArrayShape array : parametrised.arrays()) {
                    requireAddressable(spec, name, array.name() + " of " + array.count() + " values", array.count());
                }
                values = plus(times(parametrised.size(), footprint.parameterCopies()),
                        times(parametrised.trainableSize(), stateCopies));
            }
            if (footprint.activationCopies() > 0) {
                if (footprint.activationsInArrays()) {
                    if (i == 0) {
                        long inputValues = times(footprint.rows(), inputs);
                        requireAddressable(spec, name, "an input batch of " + footprint.rows() + " rows × " + inputs
                                + " = " + inputValues + " values", inputValues);
                    }
                    long rowsTimesWidth = times(footprint.rows(), width);
                    requireAddressable(spec, name, "activations of " + footprint.rows() + " rows × " + width + " = "
                            + rowsTimesWidth + " values", rowsTimesWidth);
                }
                long activationWidth = i == 0 ? width + inputs : width;
                values = plus(values, times(times(footprint.rows(), activationWidth), footprint.activationCopies()));
            }
            parts.add(new Part(name, times(values, Float.BYTES)));
            inputWidth = width;
        }
        return new MemoryEstimate(spec.name(), counted(spec.optimizer(), stateCopies, footprint), parts);
    }

    /** The whole network's bytes. */
    public long bytes() {
        return parts.stream().mapToLong(Part::bytes).reduce(0, MemoryEstimate::plus);
    }

    /** The layer that needs the most (the first of equals). */
    public Part largest() {
        return parts.stream().max(Comparator.comparingLong(Part::bytes)).orElseThrow();
    }

    /**
     * Refuses the network if it needs more than {@code available} bytes.
     *
     * @param implementation the trainer's id, for the message
     * @param limit          what gives the memory and how much, e.g. "the JVM heap can give at most 5.7 GiB (-Xmx)"
     * @throws ResourceLimitException one line: the spec, what training it needs, the limit, the largest layer
     */
    public void requireWithin(long available, String implementation, String limit) {
        long needed = bytes();
        if (needed <= available) {
            return;
        }
        Part largest = largest();
        throw new ResourceLimitException("spec " + spec + ": training it with " + implementation + " needs "
                + format(needed) + ", but " + limit + "; " + largest.layer() + " alone needs "
                + format(largest.bytes()) + " (" + counted + ")");
    }

    /**
     * Refuses the network if it needs more than the JVM heap can still give: its maximum (-Xmx) less what is in use.
     * In use counts garbage until it is collected, so before refusing a network no larger than the heap, one full
     * collection is asked for and the figure taken again (soft-referenced caches still count: it errs on the safe
     * side).
     *
     * @throws ResourceLimitException as {@link #requireWithin}
     */
    public void requireWithinHeap(String implementation) {
        Runtime heap = Runtime.getRuntime();
        long needed = bytes();
        if (needed > heap.maxMemory() - (heap.totalMemory() - heap.freeMemory()) && needed <= heap.maxMemory()) {
            System.gc(); // only when collecting could make the difference
        }
        long inUse = heap.totalMemory() - heap.freeMemory();
        long available = heap.maxMemory() - inUse;
        requireWithin(available, implementation, "the JVM heap can give at most " + format(available) + " (-Xmx "
                + format(heap.maxMemory()) + ", " + format(inUse) + " in use)");
    }

    /** Bytes in binary units with one decimal, e.g. "512 bytes", "3.2 MiB", "2.9 TiB". */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Values of optimiser state per trainable parameter: sgd none, momentum a velocity, adam two moments. */
    static int stateCopies(OptimizerSpec optimizer) {
        return switch (optimizer.kind()) {
            case SGD -> 0;
            case MOMENTUM -> 1;
            case ADAM -> 2;
        };
    }

    private static void requireAddressable(ExperimentSpec spec, String layer, String what, long length) {
        if (length > MAX_ARRAY_LENGTH) {
            throw new ResourceLimitException("spec " + spec.name() + ": " + layer + " has " + what + " ("
                    + format(times(length, Float.BYTES)) + "), more than an int-indexed array can hold ("
                    + MAX_ARRAY_LENGTH + ")");
        }
    }

    private static String describe(LayerSpec layer, int index, long inputWidth, long width) {
        if (layer instanceof LayerSpec.Dense) {
            return "dense layer " + index + " (" + inputWidth + " × " + width + ")";
        }
        if (layer instanceof LayerSpec.BatchNorm) {
            return "batch-norm layer " + index + " (" + width + " features)";
        }
        return layer.type() + " layer " + index + " (" + width + " wide)";
    }

    private static String counted(OptimizerSpec optimizer, int stateCopies, Footprint footprint) {
        List<String> counts = new ArrayList<>();
        counts.add("parameters ×" + footprint.parameterCopies());
        if (stateCopies > 0) {
            counts.add(optimizer.kind().id() + " state ×" + stateCopies);
        }
        if (footprint.activationCopies() > 0) {
            counts.add("activations of " + footprint.rows() + " rows ×" + footprint.activationCopies());
        }
        return String.join(", ", counts);
    }

    /** a·b for counts (never negative), Long.MAX_VALUE if it does not fit. */
    private static long times(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    /** a + b for counts (never negative), Long.MAX_VALUE if it does not fit. */
    private static long plus(long a, long b) {
        return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
    }
}
