/**
 * Apache Spark as the distributed engine of the {@code run} command: {@link dev.digitslab.spark.SparkExecutorProvider}
 * (found with the ServiceLoader) opens a {@link dev.digitslab.spark.SparkExecutor} for a Spark master URL, which runs
 * the comparison module's {@code RunTask}s as Spark jobs; executors build their context once per JVM
 * ({@link dev.digitslab.spark.ExecutorJvm}: the implementations on their class path, MNIST through the datasets
 * module's locator), and the driver writes the reports exactly as the local executor does.
 *
 * <p>Depends on {@code comparison.run}, {@code datasets} and Spark; nothing depends on it, so the default application
 * carries none of Spark.
 */
package dev.digitslab.spark;
