package dev.digitslab.framework;

import dev.digitslab.api.io.AtomicFiles;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.params.ParameterLayout;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.ModelFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A saved model: Deeplearning4j's own {@link ModelSerializer} zip (configuration, parameters, updater
 * state) plus the experiment spec as JSON under {@code objects/}{@value #SPEC_KEY}, so loading restores a
 * whole {@link FrameworkModel}. The seed travels in the network configuration.
 */
final class ModelFile {
    static final String SPEC_KEY = "digits-lab-spec.json";
    private static final String SPEC_ENTRY = "objects/" + SPEC_KEY;

    private ModelFile() {
    }

    static void save(MultiLayerNetwork net, ExperimentSpec spec, long seed, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        // ModelSerializer writes to a file, not a stream: fill AtomicFiles' temporary sibling, then move it.
        Path temp = AtomicFiles.temporarySibling(target);
        try {
            ModelSerializer.writeModel(net, temp.toFile(), true);
            ModelSerializer.addObjectToFile(temp.toFile(), SPEC_KEY, SpecLoader.toJson(spec));
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static FrameworkModel load(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(name, null, "no model file");
        }
        ModelArchive archive = ModelArchive.read(file);
        ExperimentSpec spec = readSpec(name, archive.get(ModelArchive.SPEC));
        StoredArrayHeader.check(name, ModelArchive.COEFFICIENTS, archive.get(ModelArchive.COEFFICIENTS));
        if (archive.get(ModelArchive.UPDATER_STATE) != null) {
            StoredArrayHeader.check(name, ModelArchive.UPDATER_STATE, archive.get(ModelArchive.UPDATER_STATE));
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(archive.toZip()), true);
        } catch (IOException | RuntimeException e) {
            // Jackson, ND4J and DL4J report a damaged configuration with exceptions of their own
            throw new ModelFormatException(name, "Deeplearning4j cannot restore the network: " + rootMessage(e), e);
        }
        long seed = net.getDefaultConfiguration().getSeed();
        FrameworkModel model = new FrameworkModel(spec, net, seed);
        checkMatchesSpec(model, name);
        return model;
    }

    private static ExperimentSpec readSpec(String name, byte[] entry) throws ModelFormatException {
        try {
            String json = readString(new ByteArrayInputStream(entry));
            return SpecLoader.parseSaved(json, name + "!" + SPEC_ENTRY);
        } catch (InvalidSpecException e) {
            throw new ModelFormatException(name, "the stored experiment spec is invalid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(name, "cannot read the stored experiment spec (" + rootMessage(e) + ")", e);
        }
    }

    /** ModelSerializer stores objects with Java serialisation; accept a String and nothing else. */
    private static String readString(InputStream in) throws IOException {
        try (ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(info -> info.serialClass() == null || info.serialClass() == String.class
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED);
            Object o = objects.readObject();
            if (!(o instanceof String s)) {
                throw new IOException("the spec entry holds " + (o == null ? "null" : o.getClass().getName())
                        + ", expected a JSON string");
            }
            return s;
        } catch (ClassNotFoundException | java.io.InvalidClassException e) {
            throw new IOException("the spec entry is not a JSON string (" + e.getMessage() + ")", e);
        }
    }

    private static void checkMatchesSpec(FrameworkModel model, String name) throws ModelFormatException {
        ExperimentSpec spec = model.spec();
        MultiLayerNetwork net = model.network();
        if (net.getnLayers() != spec.network().size()) {
            throw new ModelFormatException(name, "inconsistent: the network has " + net.getnLayers()
                    + " layers, the stored spec " + spec.name() + " has " + spec.network().size());
        }
        ModelParameters parameters;
        try {
            parameters = ParameterTransfer.export(net, spec);
            ParameterTransfer.layout(net, spec).requireMatch(parameters);
        } catch (RuntimeException e) {
            throw new ModelFormatException(name, "inconsistent: the network's parameters do not match the stored spec "
                    + spec.name() + " (" + rootMessage(e) + ")", e);
        }
        try {
            ParameterLayout.requireValidValues(parameters);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name, e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
