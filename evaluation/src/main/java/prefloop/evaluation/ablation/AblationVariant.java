package prefloop.evaluation.ablation;

import prefloop.learner.core.TrainerConfig;

/**
 * One configuration of the ablation.
 *
 * @param name short name used in tables, charts and files (e.g. {@code dpo+ref-ema})
 * @param description what it changes, for the table's legend
 * @param trainer the trainer settings (all variants share seed, learning rate and schedule)
 */
public record AblationVariant(String name, String description, TrainerConfig trainer) {}
