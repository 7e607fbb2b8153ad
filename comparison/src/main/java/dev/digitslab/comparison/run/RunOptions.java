package dev.digitslab.comparison.run;

import dev.digitslab.api.train.Role;
import java.nio.file.Path;
import java.util.List;

/**
 * How a study is run, beyond what its specs say.
 *
 * @param roles     the implementations to run, by role; comparison needs both (weight transfer and lockstep do)
 * @param seedCount if not null, run this many seeds (the spec's first seed, then +1, +2, …)
 * @param epochs    if not null, overrides every spec's epoch count
 * @param subset    if not null, a stratified subset of this many training images (quick runs)
 * @param modelsDir if not null, trained models are saved here as {spec}/{implementation}-seed{seed}.model
 */
public record RunOptions(List<Role> roles, Integer seedCount, Integer epochs, Integer subset, Path modelsDir) {
    public static final List<Role> BOTH = List.of(Role.REFERENCE, Role.CANDIDATE);

    public RunOptions {
        roles = roles == null || roles.isEmpty() ? BOTH : List.copyOf(roles);
    }

    public static RunOptions defaults() {
        return new RunOptions(BOTH, null, null, null, null);
    }
}
