package dev.digitslab.api.spec;

import java.util.List;

/**
 * A spec file as read: the spec, and the sweep its {@code sweep:} block asks for (empty without one).
 *
 * @param spec  the spec, validated, without the sweep block
 * @param sweep the fields to sweep and their values, in the block's order
 */
public record SpecFile(ExperimentSpec spec, List<SpecSweep> sweep) {
    public SpecFile {
        sweep = List.copyOf(sweep);
    }
}
