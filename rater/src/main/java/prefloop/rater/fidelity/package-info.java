/** The fidelity reward CNN (CLIP-score analogue): net, training, accuracy. */
package prefloop.rater.fidelity;
