package dev.digitslab.spark;

import java.util.Map;

/** Spark settings for tests, as system properties (SparkConf reads them): loopback only, no web UI. */
final class TestSparkSettings {
    private static final Map<String, String> SETTINGS = Map.of(
            "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1",
            "spark.ui.enabled", "false");

    private TestSparkSettings() {
    }

    static void apply() {
        SETTINGS.forEach(System::setProperty);
    }

    static void clear() {
        SETTINGS.keySet().forEach(System::clearProperty);
    }
}
