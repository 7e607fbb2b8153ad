/**
 * Which native code Deeplearning4j runs on this CPU, chosen once per JVM before ND4J loads, each choice adopted only
 * after a self-check in a child JVM ({@link dev.digitslab.framework.cpu.SelfCheck}: native code built for
 * instructions the CPU lacks kills the process that loads it):
 * <ul>
 *   <li>ND4J's native binary — generic, AVX2 or AVX-512 ({@link dev.digitslab.framework.cpu.NativeVariantChoice},
 *       checked by {@link dev.digitslab.framework.cpu.NativeVariantSelfCheck});</li>
 *   <li>OpenBLAS's kernels. ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which picks its kernels from the CPU's model
 *       number and falls back to its slowest ones on CPUs newer than itself;
 *       {@link dev.digitslab.framework.cpu.BlasKernelChoice} picks them from the CPU's instruction sets
 *       ({@link dev.digitslab.framework.cpu.BlasCoreType}, {@link dev.digitslab.framework.cpu.CpuFeatures}), checked by
 *       {@link dev.digitslab.framework.cpu.SgemmSelfCheck}, unless the environment already chose.</li>
 * </ul>
 *
 * <p>May depend on: {@code experiment-api}, ND4J's native bindings, JavaCPP and its OpenBLAS bindings, JNA, the JDK.
 */
package dev.digitslab.framework.cpu;
