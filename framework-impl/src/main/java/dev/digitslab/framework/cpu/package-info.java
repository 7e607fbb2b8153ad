/**
 * Which OpenBLAS kernels Deeplearning4j computes with. ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which picks its
 * kernels from the CPU's model number and falls back to its slowest ones on CPUs newer than itself;
 * {@link dev.digitslab.framework.cpu.BlasKernelChoice} picks them from the CPU's instruction sets instead
 * ({@link dev.digitslab.framework.cpu.BlasCoreType}), after a self-check in a child JVM
 * ({@link dev.digitslab.framework.cpu.SgemmSelfCheck}), unless the environment already chose.
 *
 * <p>May depend on: {@code experiment-api}, JavaCPP and its OpenBLAS bindings, JNA, the JDK.
 */
package dev.digitslab.framework.cpu;
