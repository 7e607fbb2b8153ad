package dev.digitslab.scratch;

import dev.digitslab.api.io.AtomicFiles;
import dev.digitslab.api.params.LayerParameters;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.params.ParameterLayout;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.ModelFormatException;
import dev.digitslab.api.train.ResourceLimitException;
import dev.digitslab.scratch.kernel.WorkerPool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *   int      P, the number of parametrised layers, then P blocks, one per layer of the spec's
 *            {@link ParameterLayout}, each with that layer's arrays in the layout's order:
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
    /** Larger than any model this program writes; also the most a byte array can hold. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
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
                } else if (layer instanceof LayerParameters.BatchNorm b) {
                    out.writeByte(BATCH_NORM);
                    out.writeInt(b.layerIndex());
                    out.writeInt(b.features());
                }
                for (float[] values : layer.arrays()) {
                    for (float v : values) {
                        out.writeFloat(v);
                    }
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** The length of the file {@link #write} writes for a network of this spec and layout, without writing it. */
    static long length(ExperimentSpec spec, ParameterLayout layout) {
        long length = MAGIC.length + Integer.BYTES + Integer.BYTES
                + SpecLoader.toJson(spec).getBytes(StandardCharsets.UTF_8).length
                + Integer.BYTES + Long.BYTES + Integer.BYTES + Long.BYTES; // input count, seed, P, CRC
        for (ParameterLayout.Layer layer : layout.layers()) {
            int header = 1 + Integer.BYTES + (layer instanceof ParameterLayout.Dense ? 2 : 1) * Integer.BYTES;
            length = Math.addExact(length, Math.addExact(header, Math.multiplyExact(layer.size(), Float.BYTES)));
        }
        return length;
    }

    static ScratchModel read(Path file) throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(name, "the file has " + size + " bytes, more than any model this program "
                    + "writes (" + MAX_FILE_BYTES + ")");
        }
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
        // A ByteArrayInputStream's available() is exactly the bytes left: every count is checked against it
        // before anything is allocated, so a header claiming a huge layer costs nothing.
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
            requireBytes(name, in, "the embedded spec", specLength, 1);
            String json = new String(in.readNBytes(specLength), StandardCharsets.UTF_8);
            ExperimentSpec spec;
            try {
                spec = SpecLoader.parseSaved(json, name + " (embedded spec)");
            } catch (InvalidSpecException e) {
                throw new ModelFormatException(name, "the embedded spec is invalid: " + e.getMessage(), e);
            }
            int inputCount = in.readInt();
            if (inputCount <= 0) {
                throw new ModelFormatException(name, "input count must be positive, found " + inputCount);
            }
            long seed = in.readLong();
            ParameterLayout layout = ParameterLayout.of(spec, inputCount);
            int count = in.readInt();
            if (count != layout.layers().size()) {
                throw new ModelFormatException(name, "parameters do not match the embedded spec: it has "
                        + layout.layers().size() + " parametrised layers, the file " + count);
            }
            List<LayerParameters> layers = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                layers.add(readLayer(name, in, k, layout));
            }
            ModelParameters parameters = new ModelParameters(layers);
            try {
                ParameterLayout.requireValidValues(parameters);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(name, e.getMessage(), e);
            }
            if (in.available() > 0) {
                throw new ModelFormatException(name, in.available() + " unexpected bytes after the last layer");
            }
            try {
                ScratchModel.requireFits(spec, inputCount); // the parameters are read; the batch buffers are not made
            } catch (ResourceLimitException e) {
                throw new ModelFormatException(name, "the embedded spec's network does not fit: " + e.getMessage(), e);
            }
            try {
                return new ScratchModel(spec, inputCount, seed, parameters, WorkerPool.defaultThreads());
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(name, "parameters do not match the embedded spec: " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new ModelFormatException(name, "truncated: the file ends inside the model data", e);
        }
    }

    /** One parameter block, whose header must match the layout the spec implies before its values are read. */
    private static LayerParameters readLayer(String name, DataInputStream in, int k, ParameterLayout layout)
            throws IOException {
        byte kind = in.readByte();
        int index = in.readInt();
        ParameterLayout.Layer found;
        if (kind == DENSE) {
            int nIn = in.readInt();
            int nOut = in.readInt();
            found = new ParameterLayout.Dense(index, nIn, nOut);
        } else if (kind == BATCH_NORM) {
            found = new ParameterLayout.BatchNorm(index, in.readInt());
        } else {
            throw new ModelFormatException(name, "parameter block " + k + ": unknown layer kind " + kind
                    + " (expected 1 = dense or 2 = batch norm)");
        }
        try {
            layout.requireLayer(k, found);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name, "parameters do not match the embedded spec: " + e.getMessage(), e);
        }
        requireBytes(name, in, (kind == DENSE ? "dense" : "batch-norm") + " layer " + index, found.size(), Float.BYTES);
        List<float[]> arrays = new ArrayList<>();
        for (ParameterLayout.ArrayShape array : found.arrays()) {
            float[] values = new float[(int) array.count()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readFloat();
            }
            arrays.add(values);
        }
        return LayerParameters.of(found, arrays);
    }

    /** Fails unless {@code count} items of {@code itemBytes} each remain in the file. */
    private static void requireBytes(String name, DataInputStream in, String what, long count, int itemBytes)
            throws IOException {
        long needed = count * itemBytes;
        if (count < 0 || needed < 0) {
            throw new ModelFormatException(name, what + ": the size " + count + " is negative or overflows");
        }
        if (needed > in.available()) {
            throw new ModelFormatException(name, "truncated or inconsistent: " + what + " needs " + needed
                    + " bytes, only " + in.available() + " remain");
        }
    }
}
