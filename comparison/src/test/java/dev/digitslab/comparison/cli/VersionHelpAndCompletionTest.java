package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The real version, a completion script, and help that ends with examples and exit codes. */
class VersionHelpAndCompletionTest {

    @Test
    void versionIsTheMavenProjectVersion() {
        BadInputTest.Result r = BadInputTest.run("--version");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("digits-lab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out()); // not ${project.version}
        assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version")), r.out());
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        BadInputTest.Result r = BadInputTest.run("completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F _complete_digits-lab -o default digits-lab"), r.out());
        for (String command : List.of("run", "report", "predict", "list", "data", "benchmark")) {
            assertTrue(r.out().contains(command), command);
        }
        assertTrue(r.out().contains("--epochs") && r.out().contains("--quiet"), "options of the subcommands too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "report", "compare", "predict", "list", "data", "benchmark", "completion"})
    void helpEndsWithExitCodesAndExamplesWithin80Columns(String command) {
        BadInputTest.Result r = command.isEmpty() ? BadInputTest.run("--help") : BadInputTest.run(command, "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out();
        int exitCodes = help.indexOf("\nExit codes:\n");
        int examples = help.indexOf("\nExamples:\n");
        assertTrue(exitCodes > 0 && examples > exitCodes, help);
        assertTrue(help.substring(exitCodes).contains("  0 "), help);
        long exampleLines = help.substring(examples).lines().filter(l -> l.startsWith("  ") && l.contains("digits-lab"))
                .count();
        assertTrue(exampleLines >= 2, help);
        help.lines().forEach(line -> assertTrue(line.length() <= 80, "longer than 80 columns: " + line));
    }
}
