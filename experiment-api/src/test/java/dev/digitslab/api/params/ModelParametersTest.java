package dev.digitslab.api.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelParametersTest {

    private static ModelParameters small() {
        return new ModelParameters(List.of(
                new LayerParameters.Dense(0, 2, 1, new float[] {1, 2}, new float[] {3}),
                new LayerParameters.BatchNorm(1, 1, new float[] {4}, new float[] {5}, new float[] {6}, new float[] {7})));
    }

    @Test
    void flattensInTheDocumentedOrder() {
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7}, small().flatten());
        assertEquals(7, small().size());
        assertEquals(5, small().trainableSize());
    }

    @Test
    void measuresDistancesBetweenParameterSets() {
        ModelParameters a = small();
        ModelParameters b = a.copy();
        ((LayerParameters.Dense) b.layers().get(0)).weights()[1] = 5; // 2 -> 5
        ((LayerParameters.BatchNorm) b.layers().get(1)).runningVar()[0] = 3; // 7 -> 3
        assertEquals(4.0, a.maxAbsDifference(b));
        assertEquals(5.0, a.distance(b), 1e-12);
        assertEquals(2.0, a.flatten()[1]); // copy() is independent
    }

    @Test
    void refusesToCompareDifferentLayouts() {
        ModelParameters other = new ModelParameters(List.of(
                new LayerParameters.Dense(0, 1, 2, new float[] {1, 2}, new float[] {3, 4})));
        assertThrows(IllegalArgumentException.class, () -> small().distance(other));
    }

    @Test
    void rejectsArraysThatDoNotMatchTheShape() {
        assertThrows(IllegalArgumentException.class,
                () -> new LayerParameters.Dense(0, 2, 2, new float[3], new float[2]));
    }
}
