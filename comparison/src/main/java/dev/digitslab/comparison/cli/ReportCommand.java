package dev.digitslab.comparison.cli;

import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.report.ReportFolder;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render the reports from saved results (every <study>/results.json); trains nothing.",
                "Every results file is checked first; the folder written changes only once the whole report is ready."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:reports written", "2:no results folder, or a damaged results.json (named, with the JSON "
                + "path); nothing changed", "130:interrupted (Ctrl-C): the folder is as it was"},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab report                               # re-render ./digits-lab-reports",
                "  digits-lab report --from reports --out copy      # the full run, elsewhere"})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DIR", defaultValue = RunCommand.DEFAULT_OUT,
            description = "Folder with saved results (default: ${DEFAULT-VALUE}, where `run` writes by default).")
    Path from;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the reports (default: the --from folder).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no results folder " + from
                    + ": run `digits-lab run` first, or point --from at a folder that has <study>/results.json files");
        }
        Implementations implementations = Implementations.discover();
        List<StudyResults> studies = new ReportFolder(from, implementations).readAll(Catalogue.builtIn().studyNames());
        if (studies.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no <study>/results.json in " + from
                    + ": run `digits-lab run` first");
        }
        // Every study was read and checked above; writeAll stages the whole report before it moves anything in.
        ReportFolder target = new ReportFolder(out == null ? from : out, implementations);
        List<Path> created = new ArrayList<>();
        try {
            created.addAll(OutputFolder.requireWritable("reports", target.dir()));
            // Ctrl-C skips the finally below: the hook removes the folders this created, if still empty.
            try (ReportFolder.CleanupOnExit cleanup = target.cleanUpOnExit(() -> OutputFolder.removeEmpty(created))) {
                target.writeAll(studies);
            } catch (IOException e) {
                throw new OutputFolder.NotWritableException("reports", target.dir(), e);
            }
        } finally {
            OutputFolder.removeEmpty(created);
        }
        spec.commandLine().getOut().printf("re-rendered %d %s into %s%n", studies.size(),
                studies.size() == 1 ? "study" : "studies",
                target.dir().toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
