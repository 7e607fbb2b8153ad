package dev.digitslab.comparison.run;

import dev.digitslab.api.train.Role;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.Trainers;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two implementations a comparison needs, found with the {@link java.util.ServiceLoader} and told apart by
 * their {@link Role}: the reference (Deeplearning4j) and the candidate (the network written from scratch). Code
 * that compares them asks this for a role; their ids are data (results.json, {@code --impl}).
 */
public record Implementations(Trainer reference, Trainer candidate) {

    /** The trainers on the class path; fails if a role has none or more than one. */
    public static Implementations discover() {
        return of(Trainers.all());
    }

    /** The reference and the candidate among {@code trainers}; fails if a role has none or more than one. */
    public static Implementations of(List<Trainer> trainers) {
        return new Implementations(only(Role.REFERENCE, trainers), only(Role.CANDIDATE, trainers));
    }

    public Trainer get(Role role) {
        return role == Role.REFERENCE ? reference : candidate;
    }

    /** Both, reference first: the order runs are made and reported in. */
    public List<Trainer> both() {
        return List.of(reference, candidate);
    }

    /** The implementation with this id, or an error naming the ids there are. */
    public Trainer byId(String id) {
        return both().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no implementation '" + id + "' (known: " + ids() + ")"));
    }

    /** The implementation that is not the one with this id. */
    public Trainer other(String id) {
        return byId(id) == reference ? candidate : reference;
    }

    public Role roleOf(String id) {
        return byId(id).role();
    }

    /** "framework, scratch": the ids, reference first. */
    public String ids() {
        return both().stream().map(Trainer::id).collect(Collectors.joining(", "));
    }

    private static Trainer only(Role role, List<Trainer> trainers) {
        List<Trainer> found = trainers.stream().filter(t -> t.role() == role).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + role.name().toLowerCase(Locale.ROOT)
                    + " implementation on the class path, found " + (found.isEmpty() ? "none"
                    : found.size() + " (" + found.stream().map(Trainer::id).collect(Collectors.joining(", ")) + ")"));
        }
        return found.get(0);
    }
}
