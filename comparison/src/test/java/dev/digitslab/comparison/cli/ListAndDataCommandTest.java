package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.catalogue.Study;
import org.junit.jupiter.api.Test;

/** The two read-only commands' happy paths. */
class ListAndDataCommandTest {

    @Test
    void listShowsEverySpecOfTheCatalogueWithItsNetwork() {
        BadInputTest.Result r = BadInputTest.run("list");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("EXPERIMENT"), r.out());
        for (Study study : Catalogue.builtIn().studies()) {
            study.specs().forEach(spec -> assertTrue(r.out().contains(spec.name()), spec.name() + " in\n" + r.out()));
        }
        assertTrue(r.out().contains("784-512-bn-relu-drop0.2-512-bn-relu-drop0.2-10(softmax)"), r.out());
    }

    @Test
    void dataFindsVerifiesAndCountsMnist() {
        BadInputTest.Result r = BadInputTest.run("data");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.out().lines().filter(l -> l.contains("SHA-256 verified")).count(), r.out());
        assertTrue(r.out().contains("60000 training and 10000 test images of 28x28 pixels"), r.out());
    }
}
