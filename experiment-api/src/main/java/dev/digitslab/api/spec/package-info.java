/**
 * Experiment specs as data, and how they are read, checked and written.
 *
 * <p>{@link dev.digitslab.api.spec.ExperimentSpec} is the root. Each family with several kinds is a sealed
 * interface of records, one per kind, carrying only that kind's fields: {@link dev.digitslab.api.spec.LayerSpec}
 * (selected by {@code type}), {@link dev.digitslab.api.spec.TaskSpec} and
 * {@link dev.digitslab.api.spec.OptimizerSpec} (selected by {@code kind}). Single names are enums implementing
 * {@link dev.digitslab.api.spec.SpecName} ({@code Activation}, {@code InitScheme}, {@code LossKind},
 * {@code OptimizerSpec.Kind}), which gives them one id form and one unknown-name error.
 *
 * <p>{@link dev.digitslab.api.spec.SpecLoader} is the only way in and out: it reads YAML or JSON strictly
 * (unknown fields and duplicate keys are errors naming the field), runs
 * {@link dev.digitslab.api.spec.SpecValidator}, and writes specs back in the spec files' style, which it reads
 * to an equal spec. Specs embedded in saved models are read with {@code SpecLoader.parseSaved}, which also
 * accepts the optimiser fields older versions wrote for every kind.
 *
 * <p>Command-line changes are applied to a spec's tree before it is read and validated like a spec file:
 * {@link dev.digitslab.api.spec.SpecOverride} ({@code --set PATH=VALUE}, a field by its
 * {@link dev.digitslab.api.spec.SpecPath}) through {@code SpecLoader.withOverrides}, and
 * {@link dev.digitslab.api.spec.SpecSweep} ({@code --sweep}, or a spec file's {@code sweep:} block, read with
 * {@code SpecLoader.loadFile}) expanded by {@link dev.digitslab.api.spec.SpecGrid} into one named spec per point.
 *
 * <p>Depends only on Jackson (databind, the YAML data format) and SnakeYAML, which that format brings; its code uses no other
 * package of the project.
 */
package dev.digitslab.api.spec;
