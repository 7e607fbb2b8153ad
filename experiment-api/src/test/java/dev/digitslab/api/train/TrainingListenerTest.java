package dev.digitslab.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingListenerTest {

    @Test
    void allForwardsEveryCallToEachListenerInOrder() {
        List<String> calls = new ArrayList<>();
        TrainingListener first = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double batchLoss) {
                calls.add("first batch " + batch);
            }

            @Override
            public void onEpoch(EpochRecord record) {
                calls.add("first epoch " + record.epoch());
            }
        };
        TrainingListener second = new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record, TrainableModel model) {
                calls.add("second epoch " + record.epoch());
            }
        };
        TrainingListener both = TrainingListener.all(first, second);
        both.onBatch(1, 0, 2, 0.5);
        both.onEpoch(new EpochRecord(1, 0, 0, 0, 0, 0, 0), null);
        assertEquals(List.of("first batch 0", "first epoch 1", "second epoch 1"), calls);
    }
}
