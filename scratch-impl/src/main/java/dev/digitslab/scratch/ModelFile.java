package dev.digitslab.scratch;

import dev.digitslab.api.params.LayerParameters;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.ModelFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The saved-model format (big-endian, as {@link DataOutputStream} writes):
 * <pre>
 *   8 bytes  magic "DLSCRTCH"
 *   int      format version (1)
 *   int      n, then n bytes: the spec as UTF-8 JSON ({@link SpecLoader#toJson})
 *   int      input count
 *   long     seed (fixes the dropout stream of further training)
 *   int      P, the number of parametrised layers, then P blocks:
 *              byte kind: 1 = dense, 2 = batch norm;  int layer index in the spec's network
 *              dense:      int nIn, int nOut, nIn·nOut floats weights (row-major), nOut floats bias
 *              batch norm: int features, then gamma, beta, running mean, running variance (features floats each)
 *   long     CRC-32 of every preceding byte
 * </pre>
 * Optimiser state (momentum, Adam moments) is not saved: a loaded model predicts exactly as saved, and
 * further training starts the optimiser afresh.
 */
final class ModelFile {
    static final byte[] MAGIC = "DLSCRTCH".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final byte DENSE = 1;
    private static final byte BATCH_NORM = 2;

    private ModelFile() {
    }

    static void write(Path file, ScratchModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            byte[] spec = SpecLoader.toJson(model.spec()).getBytes(StandardCharsets.UTF_8);
            out.writeInt(spec.length);
            out.write(spec);
            out.writeInt(model.inputCount());
            out.writeLong(model.seed());
            List<LayerParameters> layers = model.parameters().layers();
            out.writeInt(layers.size());
            for (LayerParameters layer : layers) {
                if (layer instanceof LayerParameters.Dense d) {
                    out.writeByte(DENSE);
                    out.writeInt(d.layerIndex());
                    out.writeInt(d.nIn());
                    out.writeInt(d.nOut());
                    writeFloats(out, d.weights());
                    writeFloats(out, d.bias());
                } else if (layer instanceof LayerParameters.BatchNorm b) {
                    out.writeByte(BATCH_NORM);
                    out.writeInt(b.layerIndex());
                    out.writeInt(b.features());
                    writeFloats(out, b.gamma());
                    writeFloats(out, b.beta());
                    writeFloats(out, b.runningMean());
                    writeFloats(out, b.runningVar());
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, bytes.toByteArray());
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static ScratchModel read(Path file) throws IOException {
        String name = file.toString();
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new ModelFormatException(name, "not a scratch-impl model: expected the file to start with \""
                    + new String(MAGIC, StandardCharsets.US_ASCII) + "\"");
        }
        if (all.length < MAGIC.length + 4 + 8) {
            throw new ModelFormatException(name, "truncated: only " + all.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new ModelFormatException(name, "unsupported format version " + version + " (expected "
                        + VERSION + ")");
            }
            if (stored != crc.getValue()) {
                throw new ModelFormatException(name, "checksum mismatch: the file is truncated or corrupted");
            }
            int specLength = in.readInt();
            checkCount(name, "spec length", specLength, all.length);
            String json = new String(in.readNBytes(specLength), StandardCharsets.UTF_8);
            ExperimentSpec spec;
            try {
                spec = SpecLoader.parseYaml(json, name + " (embedded spec)");
            } catch (InvalidSpecException e) {
                throw new ModelFormatException(name, "the embedded spec is invalid: " + e.getMessage(), e);
            }
            int inputCount = in.readInt();
            if (inputCount <= 0) {
                throw new ModelFormatException(name, "input count must be positive, found " + inputCount);
            }
            long seed = in.readLong();
            int count = in.readInt();
            checkCount(name, "layer count", count, all.length);
            List<LayerParameters> layers = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                byte kind = in.readByte();
                int index = in.readInt();
                if (kind == DENSE) {
                    int nIn = in.readInt();
                    int nOut = in.readInt();
                    checkCount(name, "dense layer " + index + " weights", (long) nIn * nOut, all.length);
                    layers.add(new LayerParameters.Dense(index, nIn, nOut, readFloats(in, nIn * nOut),
                            readFloats(in, nOut)));
                } else if (kind == BATCH_NORM) {
                    int f = in.readInt();
                    checkCount(name, "batch-norm layer " + index + " features", f, all.length);
                    layers.add(new LayerParameters.BatchNorm(index, f, readFloats(in, f), readFloats(in, f),
                            readFloats(in, f), readFloats(in, f)));
                } else {
                    throw new ModelFormatException(name, "parameter block " + k + ": unknown layer kind " + kind
                            + " (expected 1 = dense or 2 = batch norm)");
                }
            }
            if (in.available() > 0) {
                throw new ModelFormatException(name, in.available() + " unexpected bytes after the last layer");
            }
            try {
                return new ScratchModel(spec, inputCount, seed, new ModelParameters(layers));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(name, "parameters do not match the embedded spec: " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new ModelFormatException(name, "truncated: the file ends inside the model data", e);
        }
    }

    private static void checkCount(String name, String what, long value, long fileLength) throws ModelFormatException {
        if (value < 0 || value > fileLength) {
            throw new ModelFormatException(name, what + " is " + value + ", impossible in a file of "
                    + fileLength + " bytes");
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
