/**
 * The benchmark users can run ({@code digits-lab benchmark}): the same workloads through both implementations and
 * through small reference scripts in PyTorch and NumPy (the peers), each measurement in a fresh child process,
 * interleaved round by round, summarised as a table of median seconds per epoch with ratios.
 *
 * <p>May depend on the experiment API, the data sets (where MNIST is, for the peers), the results' JSON as files
 * (read as a tree, so another build's results read too) and the framework's {@code blas} package (which OpenBLAS
 * core type this CPU deserves, for the peers); on no other package of this module but {@code cli}'s callers.
 */
package dev.digitslab.comparison.bench;
