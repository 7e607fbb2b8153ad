package dev.digitslab.api.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the {@link Trainer} implementations on the class path. */
public final class Trainers {
    private Trainers() {
    }

    /** Every trainer found, sorted by id. */
    public static List<Trainer> all() {
        List<Trainer> found = new ArrayList<>();
        ServiceLoader.load(Trainer.class).forEach(found::add);
        found.sort(Comparator.comparing(Trainer::id));
        return found;
    }

    /** The trainer with this id, or an error listing the ids that are available. */
    public static Trainer byId(String id) {
        List<Trainer> all = all();
        return all.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no trainer '" + id + "' on the class path (found: "
                        + (all.isEmpty() ? "none" : all.stream().map(Trainer::id).collect(Collectors.joining(", ")))
                        + ")"));
    }
}
