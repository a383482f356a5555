/**
 * {@code simulate}: the online loop in one thread, without Kafka ({@link
 * prefloop.evaluation.simulation.LoopSimulation}), for measuring alignment per CPU-second lever by
 * lever, with label diagnostics ({@link prefloop.evaluation.simulation.LabelTally}).
 */
package prefloop.evaluation.simulation;
