package dev.digitslab.comparison.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The experiment catalogue: the studies in {@code catalogue/catalogue.yaml} and the spec files it names,
 * kept as data in this module's resources. Study names and spec names must each be unique.
 */
public final class Catalogue {
    private static final String ROOT = "/catalogue/";

    private final Map<String, Study> studies;

    private Catalogue(List<Study> studies) {
        Map<String, Study> byName = new LinkedHashMap<>();
        Map<String, ExperimentSpec> specsByName = new LinkedHashMap<>();
        for (Study study : studies) {
            if (byName.put(study.name(), study) != null) {
                throw new InvalidSpecException("catalogue.yaml", List.of("duplicate study name '" + study.name() + "'"));
            }
            for (ExperimentSpec spec : study.specs()) {
                ExperimentSpec earlier = specsByName.putIfAbsent(spec.name(), spec);
                if (earlier != null && !earlier.equals(spec)) {
                    throw new InvalidSpecException("catalogue.yaml", List.of("two different specs are named '"
                            + spec.name() + "'"));
                }
            }
        }
        this.studies = byName;
    }

    /** The catalogue shipped with the project. */
    public static Catalogue builtIn() {
        try (InputStream in = resource("catalogue.yaml")) {
            Index index = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, Index.class);
            List<Study> studies = new ArrayList<>();
            for (Entry e : index.studies()) {
                List<ExperimentSpec> specs = new ArrayList<>();
                for (String file : e.specs()) {
                    try (InputStream spec = resource(file)) {
                        specs.add(SpecLoader.load(spec, "catalogue/" + file));
                    }
                }
                studies.add(new Study(e.name(), e.kind(), e.title(), e.accuracyBar(), specs));
            }
            return of(studies);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in catalogue", e);
        }
    }

    /** A catalogue of the given studies, checked for duplicate names. */
    public static Catalogue of(List<Study> studies) {
        return new Catalogue(studies);
    }

    public List<Study> studies() {
        return List.copyOf(studies.values());
    }

    /** The studies' names in catalogue order: the order the report pages list studies in. */
    public List<String> studyNames() {
        return List.copyOf(studies.keySet());
    }

    /** The study with this name, or an error listing the known names. */
    public Study study(String name) {
        Study study = studies.get(name);
        if (study == null) {
            throw new IllegalArgumentException("unknown experiment '" + name + "' (known: "
                    + String.join(", ", studies.keySet()) + ")");
        }
        return study;
    }

    /** Every distinct spec of the catalogue, in catalogue order. */
    public List<ExperimentSpec> specs() {
        Set<String> seen = new HashSet<>();
        return studies.values().stream().flatMap(s -> s.specs().stream()).filter(s -> seen.add(s.name()))
                .collect(Collectors.toList());
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = Catalogue.class.getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IOException("catalogue resource " + ROOT + file + " not found");
        }
        return in;
    }

    record Index(List<Entry> studies) {
    }

    record Entry(String name, StudyKind kind, String title, Double accuracyBar, List<String> specs) {
    }
}
