package dev.digitslab.framework;

import dev.digitslab.api.train.ModelFormatException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;

/**
 * Checks an ND4J array as ModelSerializer stores it ({@code Nd4j.write}) before {@code Nd4j.read} sees it.
 * ND4J allocates whatever the headers claim and trusts the shape information to fit the values, so a forged
 * length costs gigabytes and a forged shape or stride reads native memory out of bounds. A Digits Lab model
 * only ever stores a flat float vector; its exact layout is:
 * <pre>
 *   UTF "MIXED_DATA_TYPES", long 6, UTF "LONG", 6 longs of shape information: 1 (rank), n (length),
 *     1 (stride), the FLOAT data-type flag, 1 (element-wise stride), 'c' (order)
 *   UTF "MIXED_DATA_TYPES", long n, UTF "FLOAT", n floats
 * </pre>
 * and nothing else is accepted.
 */
final class StoredArrayHeader {
    private static final String MODE = DataBuffer.AllocationMode.MIXED_DATA_TYPES.name();
    private static final int SHAPE_INFO_LENGTH = 6; // rank-1 shape information: 2 * rank + 4

    private StoredArrayHeader() {
    }

    /** The number of floats the stored vector holds, after checking the layout against the bytes present. */
    static long check(String file, String entry, byte[] bytes) throws ModelFormatException {
        String where = entry + " (a stored ND4J array)";
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            expect(file, where, "allocation mode", MODE, in.readUTF());
            long infoLength = in.readLong();
            if (infoLength != SHAPE_INFO_LENGTH) {
                throw new ModelFormatException(file, where + ": shape information of " + infoLength
                        + " values, expected " + SHAPE_INFO_LENGTH + " (a vector)");
            }
            expect(file, where, "shape information type", DataType.LONG.name(), in.readUTF());
            long[] info = new long[SHAPE_INFO_LENGTH];
            for (int i = 0; i < info.length; i++) {
                info[i] = in.readLong();
            }
            expect(file, where, "data mode", MODE, in.readUTF());
            long length = in.readLong();
            expect(file, where, "value type", DataType.FLOAT.name(), in.readUTF());
            long present = in.available();
            if (length < 0 || length > present / Float.BYTES || length * Float.BYTES != present) {
                throw new ModelFormatException(file, where + ": the header claims " + length
                        + " floats, the entry holds " + present + " bytes of values");
            }
            long[] expected = {1, length, 1, ArrayOptionsHelper.setOptionBit(0L, DataType.FLOAT), 1, 'c'};
            if (!java.util.Arrays.equals(info, expected)) {
                throw new ModelFormatException(file, where + ": shape information " + java.util.Arrays.toString(info)
                        + ", expected " + java.util.Arrays.toString(expected) + " for a vector of " + length
                        + " floats");
            }
            return length;
        } catch (EOFException | UTFDataFormatException e) {
            throw new ModelFormatException(file, where + ": truncated or garbled header", e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(file, where + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static void expect(String file, String where, String what, String expected, String found)
            throws ModelFormatException {
        if (!expected.equals(found)) {
            String shown = found.length() > 40 ? found.substring(0, 40) + "…" : found;
            throw new ModelFormatException(file, where + ": " + what + " '" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "', expected '" + expected + "'");
        }
    }
}
