package dev.digitslab.comparison.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code digits-lab} application: run, compare, predict, report. */
@Command(name = "digits-lab", mixinStandardHelpOptions = true, versionProvider = DigitsLab.Version.class,
        description = "MNIST trained twice, with Deeplearning4j and with a network written from scratch, on the same splits.",
        subcommands = {ListCommand.class, RunCommand.class, ReportCommand.class, CompareCommand.class, PredictCommand.class,
                DataCommand.class, BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class DigitsLab implements Runnable {
    /** Exit code for bad input: unknown experiment, malformed spec, unreadable file, … */
    public static final int BAD_INPUT = 2;
    /** Exit code when the command ran but some training run failed. */
    public static final int RUN_FAILED = 3;
    /** Exit code after Ctrl-C. */
    public static final int INTERRUPTED = 130;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log progress in detail and print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests: no System.exit). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DigitsLab());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("digits-lab: " + message(e));
            if (verbose(parseResult)) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for details)");
            }
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    /** Whether --verbose was given, before or after the subcommand's name. */
    static boolean verbose(CommandLine.ParseResult parseResult) {
        return parseResult.matchedOption("--verbose") != null
                || parseResult.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DigitsLab.class.getPackage().getImplementationVersion();
            return new String[] {"digits-lab " + (v == null ? "(development build)" : v)};
        }
    }
}
