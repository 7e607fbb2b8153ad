package dev.digitslab.comparison.cli;

import picocli.CommandLine;

/** How much a command prints: {@code --quiet}, the default, or {@code --verbose}. */
enum Verbosity {
    /** Errors and the final line only. */
    QUIET,
    NORMAL,
    /** Where everything comes from and goes, the run's environment, every epoch in detail, debug logs, stack traces. */
    VERBOSE;

    /** The verbosity the command line asks for, with the options given before or after the subcommand's name. */
    static Verbosity of(CommandLine.ParseResult parseResult) {
        if (given(parseResult, "--verbose")) {
            return VERBOSE;
        }
        return given(parseResult, "--quiet") ? QUIET : NORMAL;
    }

    /** Whether both --quiet and --verbose were given. */
    static boolean conflicting(CommandLine.ParseResult parseResult) {
        return given(parseResult, "--verbose") && given(parseResult, "--quiet");
    }

    private static boolean given(CommandLine.ParseResult parseResult, String option) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.matchedOption(option) != null) {
                return true;
            }
        }
        return false;
    }
}
