package dev.digitslab.framework;

import dev.digitslab.api.train.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The entries of a saved model's zip archive, read strictly before Deeplearning4j sees any of them: only the
 * entries Digits Lab writes, each once, complete (the central directory must be intact, so truncation is seen)
 * and matching its CRC (a flipped byte is not silently loaded as another weight). Deeplearning4j is then given
 * a fresh archive of exactly these entries ({@link #toZip}), so what it reads is what was checked here.
 */
final class ModelArchive {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    static final String SPEC = "objects/" + ModelFile.SPEC_KEY;
    /**
     * What Digits Lab writes. Anything else is refused, in particular {@code preprocessor.bin}, which
     * ModelSerializer would deserialise as an arbitrary Java object.
     */
    private static final Set<String> KNOWN = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE, SPEC);
    /** Larger than any model this program writes; also the most a byte array can hold. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final Map<String, byte[]> entries;

    private ModelArchive(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    static ModelArchive read(Path file) throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(name, "the file has " + size + " bytes, more than any model this program "
                    + "writes (" + MAX_BYTES + ")");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                String entryName = entry.getName();
                if (!KNOWN.contains(entryName)) {
                    throw new ModelFormatException(name, "unexpected archive entry '" + printable(entryName)
                            + "' (a Digits Lab model holds only " + String.join(", ", KNOWN.stream().sorted().toList())
                            + ")");
                }
                if (entries.containsKey(entryName)) {
                    throw new ModelFormatException(name, "the archive holds " + entryName + " twice");
                }
                byte[] content = readEntry(name, zip, entry, MAX_BYTES - total);
                total += content.length;
                entries.put(entryName, content);
            }
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException(name, "not a Deeplearning4j model zip archive, or truncated ("
                    + e.getMessage() + ")", e);
        }
        for (String required : new String[] {CONFIGURATION, COEFFICIENTS}) {
            if (!entries.containsKey(required)) {
                throw new ModelFormatException(name, "not a Deeplearning4j model: the archive has no " + required);
            }
        }
        if (!entries.containsKey(SPEC)) {
            throw new ModelFormatException(name, "a Deeplearning4j model, but not saved by Digits Lab: no " + SPEC
                    + " entry with the experiment spec");
        }
        return new ModelArchive(entries);
    }

    /** Reads one entry without trusting its declared size, and checks its CRC. */
    private static byte[] readEntry(String name, ZipFile zip, ZipEntry entry, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (out.size() + (long) n > limit) {
                    throw new ModelFormatException(name, "entry " + entry.getName() + " unpacks to more than "
                            + limit + " bytes");
                }
                out.write(buffer, 0, n);
                crc.update(buffer, 0, n);
            }
        }
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new ModelFormatException(name, "entry " + entry.getName() + " is corrupted (CRC mismatch)");
        }
        if (entry.getSize() != -1 && out.size() != entry.getSize()) {
            throw new ModelFormatException(name, "entry " + entry.getName() + " holds " + out.size()
                    + " bytes, the archive says " + entry.getSize());
        }
        return out.toByteArray();
    }

    byte[] get(String entry) {
        return entries.get(entry);
    }

    /** A fresh archive of exactly the checked entries, for ModelSerializer. */
    byte[] toZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0); // read back at once: compression would only cost time
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
