package org.elbo4j.tensor.kernel;

/**
 * The width of the float vectors every kernel uses: the hardware's preferred width (what
 * {@code FloatVector.SPECIES_PREFERRED} reports), or a narrower one forced with the system property
 * {@code elbo4j.vector.bits} = {@code 128 | 256 | 512}.
 *
 * <p>The width is read once, when this class is initialised, and never changes afterwards: every
 * vector kernel fixes its species in a {@code static final} field, which C2 needs to intrinsify it.
 * A forced width wider than the hardware's is lowered to the hardware's, because a species the
 * hardware lacks is not intrinsified and runs slower than scalar code. So one machine can test and
 * benchmark every width up to its own (an AVX-512 machine runs the 128-, 256- and 512-bit kernels);
 * {@code -XX:UseAVX=2} or {@code -XX:MaxVectorSize=32} on the JVM lower the hardware width itself.
 *
 * <p>Every kernel relies on fused multiply-adds. Where the JVM has no hardware FMA (an x86 CPU
 * before Haswell, or {@code -XX:UseAVX=0}), a vector {@code fma} runs as slow Java code, so the
 * width is then 0 and every kernel takes its scalar path. On x86 that is when the JVM's vectors
 * are only 128 bits wide (SSE), or the CPU's flags in /proc/cpuinfo lack fma, or (without that
 * file) HotSpot's {@code UseFMA} flag is off; ARMv8 always has FMA.
 *
 * <p>This class does not touch {@code jdk.incubator.vector} unless the module is present, so it is
 * safe to call on a JVM without it ({@link #bits()} is then 0).
 */
public final class VectorWidth {

    /** The system property that forces a narrower width. */
    public static final String PROPERTY = "elbo4j.vector.bits";

    private static final boolean FMA = detectFma();
    private static final int HARDWARE = detectHardware();
    private static final int FORCED = parseForced(System.getProperty(PROPERTY));
    private static final int BITS = !FMA || HARDWARE < 128 ? 0 : FORCED == 0 ? HARDWARE : Math.min(FORCED, HARDWARE);

    private VectorWidth() {
    }

    /**
     * Bits of the float vectors the kernels use: 128, 256 or 512, or 0 when the Vector API module
     * is absent or the hardware's vectors are narrower than 128 bits (every kernel is then scalar).
     */
    public static int bits() {
        return BITS;
    }

    /** Float lanes per vector at {@link #bits()}: 4, 8 or 16 (0 when scalar). */
    public static int floatLanes() {
        return BITS / Float.SIZE;
    }

    /**
     * The preferred float vector width of this JVM on this hardware, in bits: 128, 256 or 512, or 0
     * without the module or below 128 bits. The kernels use it only with hardware FMA ({@link #fastFma()}).
     */
    public static int hardwareBits() {
        return HARDWARE;
    }

    /** False when the JVM has no hardware fused multiply-add (the kernels are then scalar). */
    public static boolean fastFma() {
        return FMA;
    }

    /** The width asked for with {@value #PROPERTY}, or 0 when the property is not set. */
    public static int forcedBits() {
        return FORCED;
    }

    /** A short description, e.g. {@code "256-bit (8 float lanes; hardware 512-bit, forced by elbo4j.vector.bits)"}. */
    public static String describe() {
        if (BITS == 0) {
            return !Simd.available() ? "scalar (jdk.incubator.vector not loaded)"
                    : !FMA ? "scalar (no hardware fused multiply-add)"
                    : "scalar (no vectors of 128 bits or more)";
        }
        String s = BITS + "-bit (" + floatLanes() + " float lanes";
        if (BITS != HARDWARE) {
            s += "; hardware " + HARDWARE + "-bit, forced by " + PROPERTY;
        }
        return s + ")";
    }

    private static int detectHardware() {
        if (!Simd.available()) {
            return 0;
        }
        int bits = PreferredSpecies.floatBits();
        return bits >= 512 ? 512 : bits >= 256 ? 256 : bits >= 128 ? 128 : 0;
    }

    private static boolean detectFma() {
        String arch = System.getProperty("os.arch", "");
        if (!(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86") || arch.equals("i386"))) {
            return true;
        }
        if (Simd.available() && PreferredSpecies.floatBits() < 256) {
            return false; // SSE only: a CPU without AVX (so without FMA), or -XX:UseAVX=0
        }
        Boolean flag = cpuinfoFmaFlag();
        if (flag != null) {
            return flag;
        }
        try {
            return !"false".equals(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return true; // not HotSpot, or no jdk.management: trust the hardware
        }
    }

    /**
     * Whether the first "flags" line of /proc/cpuinfo lists fma, or null where there is no such
     * file (then HotSpot's UseFMA flag is read, which costs 30-70 ms of JMX start-up).
     */
    private static Boolean cpuinfoFmaFlag() {
        java.nio.file.Path cpuinfo = java.nio.file.Path.of("/proc/cpuinfo");
        if (!java.nio.file.Files.isReadable(cpuinfo)) {
            return null;
        }
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(cpuinfo,
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("flags")) {
                    return (" " + line.substring(line.indexOf(':') + 1) + " ").contains(" fma ");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * @throws IllegalArgumentException when the property is set to anything but 128, 256 or 512
     */
    static int parseForced(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        switch (value.trim()) {
            case "128":
                return 128;
            case "256":
                return 256;
            case "512":
                return 512;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be 128, 256 or 512, got '" + value + "'");
        }
    }

    /** Kept apart so that {@link VectorWidth} loads without the incubator module. */
    private static final class PreferredSpecies {
        static int floatBits() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }
}
