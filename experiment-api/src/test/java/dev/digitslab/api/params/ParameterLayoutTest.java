package dev.digitslab.api.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterLayoutTest {
    /** dense 6 → batch norm → relu → dropout → dense 3. */
    private static final ExperimentSpec SPEC = SpecLoader.parseYaml("""
            name: small
            data: {dataset: mnist, task: {kind: multiclass}}
            network:
              - {type: dense, units: 6, activation: identity}
              - {type: batch-norm}
              - {type: activation, function: relu}
              - {type: dropout, rate: 0.2}
              - {type: dense, units: 10, activation: softmax}
            loss: categorical-cross-entropy
            optimizer: {kind: sgd, learningRate: 0.1}
            batchSize: 4
            epochs: 1
            """, "small.yaml");

    private static ModelParameters filled(ParameterLayout layout, float value) {
        return new ModelParameters(layout.layers().stream().map(l -> LayerParameters.of(l, l.arrays().stream()
                .map(a -> {
                    float[] values = new float[(int) a.count()];
                    java.util.Arrays.fill(values, value);
                    return values;
                }).toList())).toList());
    }

    @Test
    void describesEveryParametrisedLayerInNetworkOrder() {
        ParameterLayout layout = ParameterLayout.of(SPEC, 5);
        assertEquals(List.of(new ParameterLayout.Dense(0, 5, 6), new ParameterLayout.BatchNorm(1, 6),
                new ParameterLayout.Dense(4, 6, 10)), layout.layers());
        assertEquals("dense[0] 5x6, batch-norm[1] 6, dense[4] 6x10", layout.toString());
        assertEquals(List.of("weights", "bias"),
                layout.layers().get(0).arrays().stream().map(ParameterLayout.ArrayShape::name).toList());
        assertEquals(List.of(5, 6), layout.layers().get(0).arrays().get(0).shape());
        assertEquals(List.of("gamma", "beta", "running mean", "running variance"),
                layout.layers().get(1).arrays().stream().map(ParameterLayout.ArrayShape::name).toList());
        assertEquals(5 * 6 + 6 + 4 * 6 + 6 * 10 + 10, layout.size());
        assertEquals(5 * 6 + 6 + 2 * 6 + 6 * 10 + 10, layout.trainableSize());
    }

    @Test
    void parametersBuiltFromTheLayoutHaveIt() {
        ParameterLayout layout = ParameterLayout.of(SPEC, 5);
        ModelParameters parameters = filled(layout, 1f);
        assertEquals(layout, parameters.layout());
        layout.requireMatch(parameters);
        assertEquals(layout.size(), parameters.size());
        assertEquals(layout.trainableSize(), parameters.trainableSize());
    }

    @Test
    void rejectsParametersOfAnotherLayoutNamingTheFirstDifference() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.of(SPEC, 5).requireMatch(filled(ParameterLayout.of(SPEC, 7), 1f)));
        assertTrue(e.getMessage().contains("dense[0] 5x6") && e.getMessage().contains("dense[0] 7x6")
                && e.getMessage().contains("parametrised layer 0: expected dense layer 0 of shape (5, 6), found dense "
                + "layer 0 of shape (7, 6)"), e.getMessage());

        ModelParameters fewer = new ModelParameters(filled(ParameterLayout.of(SPEC, 5), 1f).layers().subList(0, 2));
        e = assertThrows(IllegalArgumentException.class, () -> ParameterLayout.of(SPEC, 5).requireMatch(fewer));
        assertTrue(e.getMessage().contains("3 parametrised layers expected, 2 found"), e.getMessage());
    }

    @Test
    void checksOneLayerAtATimeForStreamingReaders() {
        ParameterLayout layout = ParameterLayout.of(SPEC, 5);
        layout.requireLayer(1, new ParameterLayout.BatchNorm(1, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layout.requireLayer(1, new ParameterLayout.Dense(1, 6, 6)));
        assertEquals("parametrised layer 1: expected batch-norm layer 1 of 6 features, found dense layer 1 of shape "
                + "(6, 6)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layout.requireLayer(3, new ParameterLayout.Dense(5, 10, 10)));
    }

    @Test
    void rejectsNonFiniteValuesNamingLayerArrayAndIndex() {
        ModelParameters parameters = filled(ParameterLayout.of(SPEC, 5), 1f);
        ParameterLayout.requireValidValues(parameters);
        ((LayerParameters.BatchNorm) parameters.layers().get(1)).beta()[4] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.requireValidValues(parameters));
        assertEquals("layer 1: beta [4] is NaN, expected a finite number", e.getMessage());
    }

    @Test
    void rejectsANegativeRunningVariance() {
        ModelParameters parameters = filled(ParameterLayout.of(SPEC, 5), 1f);
        ((LayerParameters.BatchNorm) parameters.layers().get(1)).runningVar()[2] = -1f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.requireValidValues(parameters));
        assertEquals("layer 1: running variance [2] is -1.0, a variance cannot be negative", e.getMessage());
    }

    @Test
    void layerParametersRejectArraysOfOtherLengthsNamingTheArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerParameters.of(new ParameterLayout.Dense(0, 2, 2), List.of(new float[4], new float[3])));
        assertEquals("dense layer 0 of shape (2, 2): bias has 3 values, expected 2", e.getMessage());
    }
}
