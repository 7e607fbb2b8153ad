package dev.digitslab.framework;

import dev.digitslab.api.train.MemoryEstimate;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import dev.digitslab.framework.cpu.BlasKernelChoice;
import dev.digitslab.framework.cpu.LoadedOpenBlas;
import dev.digitslab.framework.cpu.NativeVariantChoice;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ND4J native backend as this project runs it: checks the thread settings once, says how much native memory
 * ND4J can still get, and describes the native binary in use for reports.
 *
 * <p>ND4J's default (one OpenMP thread per core, busy-waiting) oversubscribes small machines and ran
 * 5–20× slower on 2 cores than {@code OMP_NUM_THREADS=1}. The build sets that variable for every JVM it
 * launches; a JVM started without it is limited to one thread here, with one warning.
 */
public final class NativeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(NativeRuntime.class);
    static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static volatile boolean checked;
    /** The thread count ND4J was last set to (0 until {@link #checkThreadSettings} ran). */
    private static int threadsInUse;

    private NativeRuntime() {
    }

    /**
     * What must happen before JavaCPP's {@code Pointer} class or ND4J's native library is loaded: JavaCPP's memory
     * polling off, ND4J's binary variant ({@link NativeVariantChoice}) and OpenBLAS's kernels ({@link BlasKernelChoice})
     * chosen. Idempotent.
     */
    static void prepare() {
        disablePhysicalMemoryPolling();
        NativeVariantChoice.apply();
        BlasKernelChoice.apply();
    }

    /**
     * Turns off JavaCPP's resident-memory check unless the JVM was told otherwise. By default every native
     * allocation (ND4J makes several per op) reads the process's resident size from /proc to decide
     * whether to force a GC; that cost 10-30% of a training epoch (README, "Threads and native settings").
     * JavaCPP's accounting of the bytes it allocated ({@code org.bytedeco.javacpp.maxBytes}) still applies.
     * Only effective before JavaCPP's {@code Pointer} class is initialised, so {@link FrameworkTrainer}
     * calls it from its static initialiser; the build also passes the property to every JVM it forks.
     */
    static void disablePhysicalMemoryPolling() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null && System.getProperty(MAX_PHYSICAL_BYTES.toLowerCase()) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /**
     * Once per JVM: if {@code OMP_NUM_THREADS} is not set, caps ND4J at one thread programmatically (measured
     * as fast as the environment variable) and says so, so that every launch path trains with the same
     * thread count and therefore the same floating-point results.
     */
    public static void checkThreadSettings() {
        if (checked) {
            return;
        }
        synchronized (NativeRuntime.class) {
            if (checked) {
                return;
            }
            checked = true;
            if (System.getenv(OMP_NUM_THREADS) == null) {
                limitThreads(1);
                LOG.warn("{} is not set: limited ND4J to 1 thread. Its default (one busy-waiting OpenMP thread per "
                        + "core) ran 6x slower on 2 cores. Set {}=1 and OMP_WAIT_POLICY=PASSIVE in the environment "
                        + "(the Maven build does) or {}=N to choose another thread count.",
                        OMP_NUM_THREADS, OMP_NUM_THREADS, OMP_NUM_THREADS);
            }
            threadsInUse = defaultThreads();
        }
    }

    /** ND4J's thread count when nobody asks for another: {@code OMP_NUM_THREADS} if it is a positive number, else 1. */
    static int defaultThreads() {
        String value = System.getenv(OMP_NUM_THREADS);
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Makes ND4J compute with {@code threads} threads. The count is per process (OpenMP's and OpenBLAS's pools
     * are), so runs that share a JVM at the same time must ask for the same count; the project's executors give
     * every concurrent run of a JVM the same share of its cores.
     */
    static synchronized void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        checkThreadSettings();
        if (threads != threadsInUse) {
            limitThreads(threads);
            threadsInUse = threads;
            LOG.info("ND4J now computes with {} thread(s)", threads);
        }
    }

    /**
     * Caps every thread pool ND4J computes with (its own op threads, OpenMP, OpenBLAS) at {@code threads},
     * from inside a running JVM. OMP_WAIT_POLICY cannot be changed once OpenMP has started.
     */
    public static void limitThreads(int threads) {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /**
     * Native memory ND4J can still take, with how it was reached.
     *
     * @param bytes       what is left: may be zero or negative when nothing is
     * @param description one clause for an error message, e.g. "native memory can give ND4J at most 16.9 GiB (…)"
     */
    record NativeMemory(long bytes, String description) {
    }

    /**
     * How much native memory ND4J can still allocate. ND4J's CPU buffers are allocated by its own native code, not
     * through JavaCPP's {@code Pointer} accounting, so JavaCPP's {@code maxBytes} does not limit them; what limits
     * them is the machine's physical memory (the container's limit if there is one, as the JDK reports it), or
     * JavaCPP's {@code maxPhysicalBytes} if it is set lower (its check runs on JavaCPP's own allocations, which ND4J
     * makes on every op). From that ceiling go what the process holds already (its resident bytes) and what the
     * heap may still grow by up to -Xmx.
     */
    static NativeMemory availableNativeMemory() {
        long physical = physicalMemoryBytes();
        long ceiling = physical;
        String source = "physical memory " + MemoryEstimate.format(physical);
        long maxPhysical = Pointer.maxPhysicalBytes();
        if (maxPhysical > 0 && maxPhysical < physical) {
            ceiling = maxPhysical;
            source = "JavaCPP's maxPhysicalBytes " + MemoryEstimate.format(maxPhysical);
        }
        long resident = Math.max(0, Pointer.physicalBytes());
        Runtime heap = Runtime.getRuntime();
        long heapGrowth = Math.max(0, heap.maxMemory() - heap.totalMemory());
        long available = ceiling - resident - heapGrowth;
        return new NativeMemory(available, "native memory can give ND4J at most " + MemoryEstimate.format(
                Math.max(0, available)) + " (" + source + ", less " + MemoryEstimate.format(resident)
                + " resident and " + MemoryEstimate.format(heapGrowth) + " the heap may still grow by)");
    }

    /** The physical memory this JVM may use: the container's limit if any (the JDK reports it), else the machine's. */
    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Pointer.totalPhysicalBytes();
    }

    /** Facts a report needs to repeat a run: versions, platform, native binary level and threads. */
    public static Map<String, String> describe() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("deeplearning4j", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        env.put("nd4j.backend", Nd4j.getBackend().getClass().getSimpleName());
        env.put("javacpp.platform", Loader.getPlatform());
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        env.put("native.binaryLevel", levelName(ops.binaryLevel()));
        env.put("native.cpuLevel", levelName(ops.optimalLevel()));
        NativeVariantChoice.Choice variant = NativeVariantChoice.current();
        env.put("native.binaryChoice", variant == null ? "JavaCPP's default (loaded before the project chose)"
                : variant.reason());
        env.put("OMP_NUM_THREADS", String.valueOf(System.getenv(OMP_NUM_THREADS)));
        env.put("OMP_WAIT_POLICY", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        env.put("omp.maxThreads", String.valueOf(ops.ompGetMaxThreads()));
        env.put("blas.maxThreads", String.valueOf(Nd4j.factory().blas().getMaxThreads()));
        BlasKernelChoice.Choice blas = BlasKernelChoice.current();
        env.put("blas.coreType", LoadedOpenBlas.coreName().orElse("unknown"));
        env.put("blas.coreTypeChoice", blas == null ? "OpenBLAS's own choice (loaded before the project chose)"
                : blas.reason());
        env.put("javacpp.maxPhysicalBytes", String.valueOf(org.bytedeco.javacpp.Pointer.maxPhysicalBytes()));
        env.put("java", System.getProperty("java.version"));
        return env;
    }

    static String levelName(int level) {
        return switch (level) {
            case 3 -> "AVX512";
            case 2 -> "AVX2";
            default -> "generic x86-64";
        };
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = NativeRuntime.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
