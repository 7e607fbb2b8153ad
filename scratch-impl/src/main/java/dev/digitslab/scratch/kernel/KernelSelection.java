package dev.digitslab.scratch.kernel;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the kernels once per JVM: the Vector API ones when the {@code jdk.incubator.vector} module is in
 * the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), otherwise the
 * scalar ones. System property {@value #PROPERTY} = {@code scalar} or {@code vector} overrides the
 * automatic choice; asking for {@code vector} without the module falls back to scalar with a warning
 * instead of crashing.
 */
public final class KernelSelection {
    public static final String PROPERTY = "digitslab.scratch.kernels";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);

    private static final Kernels SELECTED = load(choose(vectorModulePresent(), System.getProperty(PROPERTY)));

    /** Which implementation to use. */
    public enum Choice { VECTOR, SCALAR }

    private KernelSelection() {
    }

    /** The kernels this JVM uses. */
    public static Kernels kernels() {
        return SELECTED;
    }

    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The choice for a JVM with or without the vector module and the given property value (null if unset).
     *
     * @throws IllegalArgumentException for a property value other than scalar/vector
     */
    public static Choice choose(boolean vectorModulePresent, String requested) {
        if (requested == null || requested.isBlank()) {
            return vectorModulePresent ? Choice.VECTOR : Choice.SCALAR;
        }
        switch (requested.trim().toLowerCase(Locale.ROOT)) {
            case "scalar":
                return Choice.SCALAR;
            case "vector":
                if (!vectorModulePresent) {
                    LOG.warn("{}=vector but module {} is not present (start the JVM with --add-modules {});"
                            + " using scalar kernels", PROPERTY, VECTOR_MODULE, VECTOR_MODULE);
                    return Choice.SCALAR;
                }
                return Choice.VECTOR;
            default:
                throw new IllegalArgumentException("system property " + PROPERTY + ": expected 'scalar' or 'vector',"
                        + " found '" + requested + "'");
        }
    }

    /** Instantiates the chosen kernels; a Vector API failure at link time also falls back to scalar. */
    static Kernels load(Choice choice) {
        if (choice == Choice.VECTOR) {
            try {
                // Reflection keeps this class free of any link to the incubator module's classes.
                return (Kernels) Class.forName(KernelSelection.class.getPackageName() + ".VectorKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.warn("cannot load the Vector API kernels ({}); using scalar kernels", e.toString());
            }
        }
        return new ScalarKernels();
    }
}
