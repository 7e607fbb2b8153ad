package dev.digitslab.comparison.cli;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.catalogue.Study;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiment catalogue.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "2:a wrong option"},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab list                           # task, network, optimiser, epochs",
                "  digits-lab list | grep regularisation   # the regularisation study's specs"})
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"EXPERIMENT", "SPEC", "KIND", "TASK", "NETWORK", "OPTIMISER", "EPOCHS"});
        for (Study study : Catalogue.builtIn().studies()) {
            for (ExperimentSpec s : study.specs()) {
                rows.add(new String[] {study.name(), s.name(), study.kind().id(), s.task().describe(), network(s),
                        optimiser(s), Integer.toString(s.epochs())});
            }
        }
        // Columns as wide as their widest cell, so long network descriptions stay aligned.
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? String.format(Locale.ROOT, "%" + width[c] + "s", row[c])
                        : String.format(Locale.ROOT, "%-" + width[c] + "s  ", row[c]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
        return 0;
    }

    static String network(ExperimentSpec s) {
        List<String> parts = new ArrayList<>(List.of("784"));
        for (LayerSpec layer : s.network()) {
            if (layer instanceof LayerSpec.Dense d) {
                parts.add(d.units() + (d.activation().id().equals("identity") ? "" : "(" + d.activation().id() + ")"));
            } else if (layer instanceof LayerSpec.Dropout d) {
                parts.add("drop" + d.rate());
            } else if (layer instanceof LayerSpec.BatchNorm) {
                parts.add("bn");
            } else if (layer instanceof LayerSpec.ActivationLayer a) {
                parts.add(a.function().id());
            }
        }
        return String.join("-", parts);
    }

    static String optimiser(ExperimentSpec s) {
        return s.optimizer().kind().id() + " " + s.optimizer().learningRate() + ", batch " + s.batchSize()
                + (s.l2() > 0 ? ", l2 " + s.l2() : "");
    }
}
