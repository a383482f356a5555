/** The human rating page's server side: which pairs, labels, undo, agreement. */
package prefloop.rater.human;
