package dev.digitslab.framework;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.ModelFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
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
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            ModelSerializer.writeModel(net, temp.toFile(), true);
            ModelSerializer.addObjectToFile(temp.toFile(), SPEC_KEY, SpecLoader.toJson(spec));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static FrameworkModel load(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(name, null, "no model file");
        }
        ExperimentSpec spec = readSpec(file);
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(name, "Deeplearning4j cannot restore the network: " + rootMessage(e), e);
        }
        long seed = net.getDefaultConfiguration().getSeed();
        FrameworkModel model = new FrameworkModel(spec, net, seed);
        checkMatchesSpec(model, name);
        return model;
    }

    private static ExperimentSpec readSpec(Path file) throws ModelFormatException {
        String name = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String required : new String[] {ModelSerializer.CONFIGURATION_JSON, ModelSerializer.COEFFICIENTS_BIN}) {
                if (zip.getEntry(required) == null) {
                    throw new ModelFormatException(name, "not a Deeplearning4j model: the archive has no " + required);
                }
            }
            ZipEntry entry = zip.getEntry(SPEC_ENTRY);
            if (entry == null) {
                throw new ModelFormatException(name, "a Deeplearning4j model, but not saved by Digits Lab: no "
                        + SPEC_ENTRY + " entry with the experiment spec");
            }
            String json;
            try (InputStream in = zip.getInputStream(entry)) {
                json = readString(in);
            }
            return SpecLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                    name + "!" + SPEC_ENTRY);
        } catch (ZipException e) {
            throw new ModelFormatException(name, "not a Deeplearning4j model zip archive, or truncated (" + e.getMessage()
                    + ")", e);
        } catch (InvalidSpecException e) {
            throw new ModelFormatException(name, "the stored experiment spec is invalid: " + e.getMessage(), e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(name, "cannot read the archive (" + rootMessage(e) + ")", e);
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
        try {
            ParameterTransfer.export(net, spec);
        } catch (RuntimeException e) {
            throw new ModelFormatException(name, "inconsistent: the network's parameters do not match the stored spec "
                    + spec.name() + " (" + rootMessage(e) + ")", e);
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
