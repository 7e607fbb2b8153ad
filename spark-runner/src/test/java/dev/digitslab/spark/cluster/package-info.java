/**
 * A Spark standalone cluster on this machine for tests: a master and a worker started as separate JVM processes from
 * the test class path (no Spark distribution), bound to 127.0.0.1, stopped when the test ends however it ends.
 */
package dev.digitslab.spark.cluster;
