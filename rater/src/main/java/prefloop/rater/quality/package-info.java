/**
 * Quality control of human labels: how accurate each rater is, and how sure the combined label of a
 * pair shown to several raters is ({@link prefloop.rater.quality.DawidSkene}).
 */
package prefloop.rater.quality;
