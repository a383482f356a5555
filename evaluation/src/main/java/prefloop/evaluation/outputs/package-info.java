/**
 * What {@code eval} and {@code ablate} write: markdown tables ({@link
 * prefloop.evaluation.outputs.EvalTables}), the JSON report and charts ({@link
 * prefloop.evaluation.outputs.EvalOutputs}, {@link prefloop.evaluation.outputs.Charts}) and the
 * side-by-side image grid ({@link prefloop.evaluation.outputs.ComparisonGrid}). The protocol that
 * produces the figures is in {@link prefloop.evaluation}; nothing here computes a figure.
 */
package prefloop.evaluation.outputs;
