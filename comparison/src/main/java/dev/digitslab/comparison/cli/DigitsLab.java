package dev.digitslab.comparison.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code digits-lab} application: run, compare, predict, report. */
@Command(name = "digits-lab", mixinStandardHelpOptions = true, versionProvider = DigitsLab.Version.class,
        description = "MNIST trained twice, with Deeplearning4j and with a network written from scratch, on the same splits.",
        subcommands = {ListCommand.class, RunCommand.class, ReportCommand.class, CompareCommand.class,
                PredictCommand.class,
                DataCommand.class, BenchmarkCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad input: a wrong option, unknown experiment, invalid spec, unreadable file, "
                + "unwritable folder (one line; --verbose for the stack trace)", "3:run, benchmark: some training run "
                + "failed (the reports say which)", "130:interrupted (Ctrl-C)"},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab run multiclass --epochs 2 --subset 5000  # quick, ./digits-lab-reports",
                "  digits-lab help run                                 # a command's options",
                "  source <(digits-lab completion)                     # tab completion"})
public final class DigitsLab implements Runnable {
    /** Exit code for bad input: unknown experiment, malformed spec, unreadable file, … */
    public static final int BAD_INPUT = 2;
    /** Exit code when the command ran but some training run failed. */
    public static final int RUN_FAILED = 3;
    /** Exit code after Ctrl-C. */
    public static final int INTERRUPTED = 130;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print more: where data, models and reports are, the run's environment, every epoch in "
                    + "detail, debug logs, stack traces of errors.")
    boolean verbose;

    @Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
            description = "Print errors and the final line only.")
    boolean quiet;

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
        cl.addSubcommand("completion", completion());
        cl.setExecutionStrategy(DigitsLab::executeWithLogLevels);
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
        return Verbosity.of(parseResult) == Verbosity.VERBOSE;
    }

    /** Runs the command with the log levels its --quiet or --verbose asks for, and puts them back afterwards. */
    private static int executeWithLogLevels(CommandLine.ParseResult parseResult) {
        if (Verbosity.conflicting(parseResult)) {
            throw new CommandLine.ParameterException(parseResult.commandSpec().commandLine(),
                    "--quiet and --verbose exclude each other: give one");
        }
        try (LogLevels levels = LogLevels.apply(Verbosity.of(parseResult))) {
            return new CommandLine.RunLast().execute(parseResult);
        }
    }

    /** picocli's generator of a bash/zsh completion script, as the {@code completion} command. */
    private static CommandLine completion() {
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage()
                .description("Print a bash/zsh completion script for digits-lab: `source <(digits-lab completion)` "
                        + "in your shell or its startup file.")
                .exitCodeListHeading("%nExit codes:%n").exitCodeList(java.util.Map.of("0", "success"))
                .footerHeading("%nExamples:%n")
                .footer("  source <(digits-lab completion)                      # this shell",
                        "  digits-lab completion > ~/.digits-lab-completion.sh  # source it in ~/.bashrc");
        return completion;
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

    /** The Maven project version the build wrote into version.properties, and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"digits-lab " + projectVersion(), String.format(Locale.ROOT, "Java %s (%s), %s %s",
                    System.getProperty("java.version"), System.getProperty("java.vendor"),
                    System.getProperty("os.name"), System.getProperty("os.arch"))};
        }

        static String projectVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = DigitsLab.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing from the class path: a broken build");
                }
                p.load(in);
            }
            return p.getProperty("version");
        }
    }
}
