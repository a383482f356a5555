/** Analytic aesthetic rewards: the training formula and a held-out one. */
package prefloop.rater.aesthetic;
