package dev.digitslab.comparison.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Sets Logback's levels for one command from its {@link Verbosity} (the configuration file's are the default):
 * {@code --quiet} logs errors only, {@code --verbose} the project's debug messages too. {@link #close} puts the
 * previous levels back, so commands run one after another in one JVM (tests) do not leak their level.
 */
final class LogLevels implements AutoCloseable {
    private static final String PROJECT = "dev.digitslab";

    private final Map<Logger, Level> previous = new LinkedHashMap<>();

    private LogLevels() {
    }

    /** Applies the verbosity's levels; a no-op where the logging back end is not Logback. */
    static LogLevels apply(Verbosity verbosity) {
        LogLevels levels = new LogLevels();
        switch (verbosity) {
            case QUIET -> {
                levels.set(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.ERROR);
                levels.set(PROJECT, Level.ERROR);
            }
            case VERBOSE -> levels.set(PROJECT, Level.DEBUG);
            case NORMAL -> {
            }
        }
        return levels;
    }

    private void set(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger logger) {
            previous.put(logger, logger.getLevel()); // null: inherited from its parent
            logger.setLevel(level);
        }
    }

    @Override
    public void close() {
        previous.forEach(Logger::setLevel);
    }
}
