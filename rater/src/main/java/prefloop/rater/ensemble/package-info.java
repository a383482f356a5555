/** Ensembles of reward models and the Bradley–Terry simulated rater. */
package prefloop.rater.ensemble;
