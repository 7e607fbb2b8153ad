package dev.digitslab.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecGridTest {
    private static final ExperimentSpec BASE = SpecLoader.parseYaml(SpecLoaderTest.MULTICLASS, "multiclass.yaml");

    private static String problem(Runnable action) {
        return assertThrows(RuntimeException.class, action::run).getMessage();
    }

    @Test
    void expandsEveryCombinationFirstFieldOutermostNamedAfterTheValues() {
        List<ExperimentSpec> points = SpecGrid.points(BASE, List.of(
                SpecSweep.parse("optimizer.learningRate=0.0003,0.001,0.003"), SpecSweep.parse("batchSize=32,128")));
        assertEquals(List.of("multiclass@lr=3e-4+batch=32", "multiclass@lr=3e-4+batch=128",
                "multiclass@lr=0.001+batch=32", "multiclass@lr=0.001+batch=128",
                "multiclass@lr=0.003+batch=32", "multiclass@lr=0.003+batch=128"),
                points.stream().map(ExperimentSpec::name).toList());
        assertEquals(0.003, points.get(5).optimizer().learningRate());
        assertEquals(128, points.get(5).batchSize());
        assertEquals(BASE.epochs(), points.get(5).epochs());
        assertEquals("0.003", SpecGrid.valueAt(points.get(5), SpecPath.parse("optimizer.learningRate")));
    }

    @Test
    void clashingShortNamesUseTheWholePathAndOddValuesTheirPosition() {
        assertEquals(List.of("network0.units", "network2.units", "lr"), SpecGrid.keys(List.of(
                SpecSweep.parse("network[0].units=64"), SpecSweep.parse("network[2].units=32"),
                SpecSweep.parse("optimizer.learningRate=0.1"))));
        List<ExperimentSpec> points = SpecGrid.points(BASE, List.of(
                SpecSweep.parse("network[0]={type: dense, units: 32, activation: relu},{type: dense, units: 64}")));
        assertEquals(List.of("multiclass@network=v1", "multiclass@network=v2"),
                points.stream().map(ExperimentSpec::name).toList());
        assertEquals(new LayerSpec.Dense(64, Activation.IDENTITY), points.get(1).network().get(0));
    }

    @Test
    void badSweepsAreRefusedWithOneLine() {
        assertTrue(problem(() -> SpecSweep.parse("l2=")).contains("expected at least one value, found none"));
        assertTrue(problem(() -> SpecSweep.parse("l2=0.1,0.1")).contains("expected each value once, found 0.1 twice"));
        assertTrue(problem(() -> SpecSweep.parse("l2=0.1,,0.2")).startsWith("--sweep l2: expected"));
        assertTrue(problem(() -> SpecSweep.parse("l2")).contains("expected PATH=V1,V2"));
        assertTrue(problem(() -> SpecSweep.parse("name=a,b")).contains("named after their values"));
        assertTrue(problem(() -> SpecSweep.requireDistinct(List.of(),
                List.of(SpecSweep.parse("l2=0,0.1"), SpecSweep.parse("l2=0.2,0.3")))).contains("swept twice"));
        assertTrue(problem(() -> SpecSweep.requireDistinct(List.of(SpecOverride.parse("l2=0.1")),
                List.of(SpecSweep.parse("l2=0.2,0.3")))).contains("also set by --set l2"));
    }

    @Test
    void aPointOutOfRangeNamesThePointAndTheField() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecGrid.points(BASE,
                List.of(SpecSweep.parse("optimizer.learningRate=0.001,-1"))));
        assertEquals("invalid experiment spec multiclass@lr=-1 (a point of the sweep): optimizer.learningRate: "
                + "expected a finite number > 0, found -1.0", e.getMessage());
        assertTrue(problem(() -> SpecGrid.points(BASE, List.of(SpecSweep.parse("batchSize=32,big"))))
                .contains("batchSize: expected an integer, found 'big'"));
        assertTrue(problem(() -> SpecGrid.points(BASE, List.of(SpecSweep.parse("optimiser.learningRate=1,2"))))
                .contains("unknown field 'optimiser'"));
    }

    @Test
    void aSpecFileCarriesItsSweepBlock(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("swept.yaml");
        Files.writeString(file, SpecLoaderTest.MULTICLASS
                + "sweep: {optimizer.learningRate: [0.0003, 0.001], batchSize: [32, 128]}\n");
        SpecFile read = SpecLoader.loadFile(file);
        assertEquals(BASE, read.spec());
        assertEquals(List.of("optimizer.learningRate=3e-4,0.001", "batchSize=32,128"),
                read.sweep().stream().map(SpecSweep::toString).toList());
        assertEquals(List.of(), SpecLoader.loadFile(write(dir, SpecLoaderTest.MULTICLASS)).sweep());
        assertTrue(problem(() -> SpecLoader.loadFile(write(dir, SpecLoaderTest.MULTICLASS + "sweep: {l2: 0.1}\n")))
                .contains("sweep.l2: expected a list of values, found the number 0.1"));
        assertTrue(problem(() -> SpecLoader.loadFile(write(dir, SpecLoaderTest.MULTICLASS + "sweep: {l2: []}\n")))
                .contains("sweep.l2: expected at least one value, found none"));
        assertTrue(problem(() -> SpecLoader.loadFile(write(dir, SpecLoaderTest.MULTICLASS + "sweep: []\n")))
                .contains("sweep: expected an object from field paths"));
    }

    private static Path write(Path dir, String text) {
        try {
            return Files.writeString(dir.resolve("spec.yaml"), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
