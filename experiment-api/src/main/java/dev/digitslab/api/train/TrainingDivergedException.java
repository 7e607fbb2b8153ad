package dev.digitslab.api.train;

/** Training produced a non-finite loss; raised at once, naming where. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double loss;

    public TrainingDivergedException(int epoch, int batch, double loss) {
        super("training diverged: loss is " + loss + " at epoch " + epoch + ", batch " + batch
                + " (try a smaller learning rate)");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
    }

    /** Throws unless {@code loss} is finite. */
    public static void requireFinite(double loss, int epoch, int batch) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, batch, loss);
        }
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }

    public double loss() {
        return loss;
    }
}
