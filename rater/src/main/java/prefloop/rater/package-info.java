/** prefloop rater module. */
package prefloop.rater;
